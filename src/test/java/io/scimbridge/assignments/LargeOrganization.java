package io.scimbridge.assignments;

import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.RulesYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1,000 groups x 200 accounts in 10 OUs. The rules include one that gives
 * every group a permission set in every account (200,000 wanted assignments), next to per-account
 * templated roles, an OU rule with exceptions and a tag rule. Shared by the plan timing test and
 * the assignments benchmark.
 */
record LargeOrganization(Organization organization, List<String> accounts, Map<String, String> sets,
                         List<GroupRef> groups, AssignmentRules rules) {

    private static final String ROOT = "r-root";

    static LargeOrganization thousandGroupsTimesTwoHundredAccounts() {
        Organization.Builder org = Organization.builder(ROOT, "999999999999");
        org.unit("ou-ab12-workload", "workloads", ROOT);
        List<String> accounts = new ArrayList<>();
        for (int ou = 0; ou < 10; ou++) {
            String unit = String.format("ou-ab12-team%04d", ou);
            org.unit(unit, "team-" + ou, ou < 5 ? "ou-ab12-workload" : ROOT);
            for (int i = 0; i < 20; i++) {
                String id = String.format("1%011d", ou * 20 + i);
                accounts.add(id);
                org.account(id, "acct-" + id, unit, AccountStatus.ACTIVE, i % 4 == 0 ? Map.of("env", "prod") : Map.of());
            }
        }
        Organization organization = org.build();

        Map<String, String> sets = new LinkedHashMap<>();
        for (String name : List.of("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ViewOnlyAccess",
                "readonly", "poweruser")) {
            sets.put(name, "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-" + (name + "0000000000000000").substring(0, 16));
        }
        List<GroupRef> groups = new ArrayList<>();
        groups.add(new GroupRef("platform-admins", id(0)));
        for (int i = 0; i < 400; i++) {
            groups.add(new GroupRef("aws-" + accounts.get(i % 200) + (i < 200 ? "-readonly" : "-poweruser"), id(groups.size())));
        }
        for (int i = 0; i < 300; i++) {
            groups.add(new GroupRef("dev-team-" + i, id(groups.size())));
        }
        while (groups.size() < 1000) {
            groups.add(new GroupRef("audit-" + groups.size(), id(groups.size())));
        }
        AssignmentRules rules = RulesYaml.rules("""
                assignments:
                  - name: platform-admins
                    groups: [platform-admins]
                    permissionSets: [AdministratorAccess]
                    organizationalUnits: ['r-root']
                  - name: per-account-roles
                    groupPattern: '^aws-(?<account>\\d{12})-(?<role>readonly|poweruser)$'
                    permissionSets: ['${role}']
                    accounts: ['${account}']
                  - name: developers
                    groupPattern: '^dev-team-\\d+$'
                    permissionSets: [PowerUserAccess]
                    organizationalUnits: ['ou-ab12-workload']
                    exceptAccounts: ['100000000000', '100000000001']
                  - name: auditors
                    groupPattern: '^audit-\\d+$'
                    permissionSets: [ReadOnlyAccess]
                    accountTags: { env: prod }
                  - name: everyone-views
                    groupPattern: '.*'
                    permissionSets: [ViewOnlyAccess]
                    organizationalUnits: ['r-root']
                """);
        return new LargeOrganization(organization, accounts, sets, groups, rules);
    }

    static String id(int n) {
        return String.format("0123456789-%08x-0000-0000-0000-000000000000", n);
    }
}
