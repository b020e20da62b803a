package io.scimbridge.revocation;

import java.util.List;

/**
 * The Organizations calls session revocation makes, so that dry-run can record them instead
 * ({@link RecordingScpGateway}) and the real one sends them ({@link SdkScpGateway}).
 */
interface ScpGateway {

    /** The organisation's root and whether service control policies are enabled on it. */
    record Root(String id, boolean scpEnabled) {
    }

    /** A service control policy. */
    record PolicyRef(String id, String name) {
    }

    Root root();

    /** The organisation's management account (DescribeOrganization): SCPs never apply to it. */
    String managementAccount();

    /** Every service control policy of the organisation (ListPolicies), the operator's included. */
    List<PolicyRef> policies();

    String content(String policyId);

    /** The SCPs attached directly to a root, OU or account. */
    List<PolicyRef> attachedTo(String targetId);

    /** The roots, OUs and accounts a policy is attached to directly (ListTargetsForPolicy). */
    List<String> targetsOf(String policyId);

    /**
     * The OUs and accounts directly under a root or OU (ListOrganizationalUnitsForParent, then
     * ListAccountsForParent). An account's id is 12 digits, which is how callers tell them apart.
     */
    List<String> children(String parentId);

    /** Creates a policy; returns its id. */
    String create(String name, String description, String content);

    void update(String policyId, String content);

    void attach(String policyId, String targetId);

    void detach(String policyId, String targetId);

    void delete(String policyId);
}
