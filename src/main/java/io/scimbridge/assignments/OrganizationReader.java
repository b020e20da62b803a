package io.scimbridge.assignments;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.Root;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * Reads the organisation through AWS Organizations: DescribeOrganization (the management
 * account), ListRoots, then from the root down ListOrganizationalUnitsForParent and
 * ListAccountsForParent (so every account gets its OU path), and ListTagsForResource per account
 * when tags are needed. All through the SDK's paginators; throttling (TooManyRequestsException)
 * is retried by the SDK's retry strategy.
 */
public final class OrganizationReader {

    private final OrganizationsClient client;

    public OrganizationReader(OrganizationsClient client) {
        this.client = client;
    }

    /** @param withTags whether to read every account's tags (one call per account): only if a rule uses accountTags */
    public Organization read(boolean withTags) {
        String management = client.describeOrganization().organization().masterAccountId();
        Root root = client.listRootsPaginator(r -> { }).stream()
                .flatMap(page -> page.roots().stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the organisation has no root"));
        Organization.Builder builder = Organization.builder(root.id(), management);
        Deque<String> parents = new ArrayDeque<>();
        parents.add(root.id());
        while (!parents.isEmpty()) {
            String parent = parents.poll();
            for (Account account : client.listAccountsForParentPaginator(r -> r.parentId(parent)).stream()
                    .flatMap(page -> page.accounts().stream()).toList()) {
                builder.account(account.id(), account.name(), parent, status(account),
                        withTags ? tags(account.id()) : Map.of());
            }
            for (OrganizationalUnit unit : client.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent))
                    .stream().flatMap(page -> page.organizationalUnits().stream()).toList()) {
                builder.unit(unit.id(), unit.name(), parent);
                parents.add(unit.id());
            }
        }
        return builder.build();
    }

    private Map<String, String> tags(String accountId) {
        Map<String, String> tags = new LinkedHashMap<>();
        client.listTagsForResourcePaginator(r -> r.resourceId(accountId)).stream()
                .flatMap(page -> page.tags().stream())
                .forEach((Tag tag) -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    /** {@code State} where Organizations gives it, else the older {@code Status}. */
    private static AccountStatus status(Account account) {
        String state = account.stateAsString();
        return AccountStatus.of(state != null ? state : account.statusAsString());
    }
}
