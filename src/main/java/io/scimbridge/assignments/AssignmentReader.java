package io.scimbridge.assignments;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignment;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSet;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;

/**
 * Reads what SSO Admin holds for one instance: the permission sets (ListPermissionSets +
 * DescribePermissionSet), and the account assignments of a set of (permission set, account)
 * targets. ListAccountAssignments is per account and permission set, so the targets are first
 * narrowed to the accounts where each permission set is provisioned
 * (ListAccountsForProvisionedPermissionSet): a permission set has no assignment where it is not
 * provisioned, and none at all once deleted.
 */
public final class AssignmentReader {

    /** The instance to work in, and its identity store. */
    public record Instance(String instanceArn, String identityStoreId) {
    }

    /** A permission set as DescribePermissionSet gives it. */
    public record PermissionSetInfo(String arn, String name, String sessionDuration) {
    }

    private final SsoAdminClient client;
    private final String instanceArn;

    public AssignmentReader(SsoAdminClient client, String instanceArn) {
        this.client = client;
        this.instanceArn = instanceArn;
    }

    /** The first (in practice the only) instance, for when none is configured. */
    public static Instance discoverInstance(SsoAdminClient client) {
        InstanceMetadata instance = client.listInstancesPaginator(r -> { }).instances().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no IAM Identity Center instance is visible"));
        return new Instance(instance.instanceArn(), instance.identityStoreId());
    }

    /** Every permission set of the instance, by name. */
    public Map<String, PermissionSetInfo> permissionSets() {
        Map<String, PermissionSetInfo> byName = new TreeMap<>();
        for (String arn : client.listPermissionSetsPaginator(r -> r.instanceArn(instanceArn)).permissionSets()) {
            PermissionSet ps = client.describePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(arn))
                    .permissionSet();
            byName.put(ps.name(), new PermissionSetInfo(arn, ps.name(), ps.sessionDuration()));
        }
        return byName;
    }

    /** Name to ARN, the planner's view of {@link #permissionSets()}. */
    public static Map<String, String> arnsByName(Map<String, PermissionSetInfo> permissionSets) {
        Map<String, String> arns = new LinkedHashMap<>();
        permissionSets.forEach((name, info) -> arns.put(name, info.arn()));
        return arns;
    }

    /** Every assignment AWS holds for these (permission set, account) targets, of any principal. */
    public Set<Assignment> read(Collection<Assignment.Target> targets) {
        Map<String, Set<String>> accountsBySet = targets.stream().collect(Collectors.groupingBy(
                Assignment.Target::permissionSetArn, Collectors.mapping(Assignment.Target::accountId, Collectors.toSet())));
        Set<Assignment> actual = new HashSet<>();
        accountsBySet.forEach((arn, accounts) -> {
            Set<String> provisioned = provisionedAccounts(arn);
            for (String account : accounts) {
                if (!provisioned.contains(account)) {
                    continue;
                }
                for (AccountAssignment a : client.listAccountAssignmentsPaginator(r -> r.instanceArn(instanceArn)
                        .accountId(account).permissionSetArn(arn)).accountAssignments()) {
                    actual.add(new Assignment(a.permissionSetArn(), a.accountId(),
                            PrincipalType.valueOf(a.principalTypeAsString()), a.principalId()));
                }
            }
        });
        return actual;
    }

    /**
     * Where the set is provisioned. A set deleted in AWS (the bridge still remembers assignments
     * it made with it) is provisioned nowhere and so holds no assignment; failing the whole read
     * for it would stop every rule from being applied until someone cleaned the store by hand.
     */
    private Set<String> provisionedAccounts(String permissionSetArn) {
        try {
            return client.listAccountsForProvisionedPermissionSetPaginator(r -> r.instanceArn(instanceArn)
                    .permissionSetArn(permissionSetArn)).stream()
                    .flatMap(page -> page.accountIds().stream()).collect(Collectors.toSet());
        } catch (ResourceNotFoundException deleted) {
            return Set.of();
        }
    }
}
