package io.scimbridge.revocation;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTargetSummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.PolicyTypeStatus;

/**
 * Organizations through the SDK (paginators for the lists). Throttling (TooManyRequestsException)
 * is retried by the SDK's retry strategy; what is still refused fails the run, which is retried.
 */
final class SdkScpGateway implements ScpGateway {

    private final OrganizationsClient client;

    SdkScpGateway(OrganizationsClient client) {
        this.client = client;
    }

    @Override
    public ScpGateway.Root root() {
        software.amazon.awssdk.services.organizations.model.Root root = client.listRootsPaginator(r -> { }).stream().flatMap(page -> page.roots().stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the organisation has no root"));
        boolean enabled = root.policyTypes().stream().anyMatch(t -> t.type() == PolicyType.SERVICE_CONTROL_POLICY
                && t.status() == PolicyTypeStatus.ENABLED);
        return new ScpGateway.Root(root.id(), enabled);
    }

    @Override
    public String managementAccount() {
        return client.describeOrganization().organization().masterAccountId();
    }

    @Override
    public List<PolicyRef> policies() {
        return client.listPoliciesPaginator(r -> r.filter(PolicyType.SERVICE_CONTROL_POLICY)).stream()
                .flatMap(page -> page.policies().stream())
                .map(SdkScpGateway::ref).toList();
    }

    @Override
    public String content(String policyId) {
        return client.describePolicy(r -> r.policyId(policyId)).policy().content();
    }

    @Override
    public List<PolicyRef> attachedTo(String targetId) {
        return client.listPoliciesForTargetPaginator(r -> r.targetId(targetId).filter(PolicyType.SERVICE_CONTROL_POLICY))
                .stream().flatMap(page -> page.policies().stream()).map(SdkScpGateway::ref).toList();
    }

    @Override
    public List<String> targetsOf(String policyId) {
        return client.listTargetsForPolicyPaginator(r -> r.policyId(policyId)).stream()
                .flatMap(page -> page.targets().stream()).map(PolicyTargetSummary::targetId).toList();
    }

    @Override
    public List<String> children(String parentId) {
        List<String> children = new ArrayList<>();
        client.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parentId)).stream()
                .flatMap(page -> page.organizationalUnits().stream()).forEach(ou -> children.add(ou.id()));
        client.listAccountsForParentPaginator(r -> r.parentId(parentId)).stream()
                .flatMap(page -> page.accounts().stream()).forEach(account -> children.add(account.id()));
        return children;
    }

    @Override
    public String create(String name, String description, String content) {
        return client.createPolicy(r -> r.name(name).description(description).content(content)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary().id();
    }

    @Override
    public void update(String policyId, String content) {
        client.updatePolicy(r -> r.policyId(policyId).content(content));
    }

    @Override
    public void attach(String policyId, String targetId) {
        client.attachPolicy(r -> r.policyId(policyId).targetId(targetId));
    }

    @Override
    public void detach(String policyId, String targetId) {
        client.detachPolicy(r -> r.policyId(policyId).targetId(targetId));
    }

    @Override
    public void delete(String policyId) {
        client.deletePolicy(r -> r.policyId(policyId));
    }

    private static PolicyRef ref(PolicySummary s) {
        return new PolicyRef(s.id(), s.name());
    }
}
