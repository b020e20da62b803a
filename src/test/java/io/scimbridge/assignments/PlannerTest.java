package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.rules.RulesYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The planner as scenarios over one small organisation:
 * <pre>
 * r-root
 * ├── 111111111111 shared            (env=prod)
 * ├── 999999999999 management
 * └── ou-ab12-workload  workloads
 *     ├── 222222222222 dev
 *     └── ou-ab12-prodprod  prod
 *         ├── 333333333333 prod-a    (env=prod)
 *         └── 444444444444 prod-old  (env=prod, SUSPENDED)
 * </pre>
 */
class PlannerTest {

    static final String ROOT = "r-root";
    static final String WORKLOADS = "ou-ab12-workload";
    static final String PROD = "ou-ab12-prodprod";
    static final String MANAGEMENT = "999999999999";

    static final Organization ORG = Organization.builder(ROOT, MANAGEMENT)
            .account("111111111111", "shared", ROOT, AccountStatus.ACTIVE, Map.of("env", "prod"))
            .account(MANAGEMENT, "management", ROOT)
            .unit(WORKLOADS, "workloads", ROOT)
            .account("222222222222", "dev", WORKLOADS)
            .unit(PROD, "prod", WORKLOADS)
            .account("333333333333", "prod-a", PROD, AccountStatus.ACTIVE, Map.of("env", "prod"))
            .account("444444444444", "prod-old", PROD, AccountStatus.SUSPENDED, Map.of("env", "prod"))
            .build();

    static final Map<String, String> SETS = new LinkedHashMap<>();

    static {
        for (String name : List.of("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "readonly", "poweruser")) {
            SETS.put(name, arn(name));
        }
    }

    static String arn(String name) {
        String suffix = (name + "0000000000000000").substring(0, 16).replaceAll("[^a-zA-Z0-9]", "x");
        return "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-" + suffix;
    }

    /** What Identity Center and AWS hold before planning. */
    private final List<GroupRef> groups = new ArrayList<>();
    private final Set<Assignment> actual = new HashSet<>();
    private final Map<Assignment, String> managed = new HashMap<>();

    private String group(String displayName) {
        String id = "0123456789-" + String.format("%08d", groups.size()) + "-0000-0000-0000-000000000000";
        groups.add(new GroupRef(displayName, id));
        return id;
    }

    private Plan plan(String yaml) {
        return Planner.plan(RulesYaml.rules(yaml), groups, ORG, SETS, actual, managed);
    }

    private static Set<String> creates(Plan plan) {
        return plan.creates().stream().map(c -> c.labels().principal() + " " + c.labels().permissionSet() + " "
                + c.assignment().accountId()).collect(Collectors.toSet());
    }

    private static Set<String> deletes(Plan plan) {
        return plan.deletes().stream().map(c -> c.labels().principal() + " " + c.labels().permissionSet() + " "
                + c.assignment().accountId()).collect(Collectors.toSet());
    }

    @Test
    void exactGroupsGetTheirSetsInTheListedAccounts() {
        group("aws-platform-admins");
        group("unrelated");
        Plan plan = plan("""
                assignments:
                  - name: platform-admins
                    groups: ['AWS-Platform-Admins', 'missing-group']
                    permissionSets: [AdministratorAccess]
                    accounts: ['111111111111', '222222222222']
                """);
        assertEquals(Set.of("aws-platform-admins AdministratorAccess 111111111111",
                "aws-platform-admins AdministratorAccess 222222222222"), creates(plan));
        assertTrue(plan.creates().stream().allMatch(c -> c.rule().equals("platform-admins")));
        assertEquals(List.of(new Finding.UnknownGroup("platform-admins", "missing-group")), plan.findings());
        assertEquals(2, plan.desired());
    }

    @Test
    void groupPatternTemplatesPickSetAndAccountPerGroup() {
        group("aws-111111111111-readonly");
        group("aws-333333333333-poweruser");
        group("aws-123-readonly");
        group("aws-555555555555-readonly");
        group("aws-222222222222-admin");
        Plan plan = plan("""
                assignments:
                  - name: per-account-roles
                    groupPattern: '^aws-(?<account>\\d{12})-(?<role>readonly|poweruser|admin)$'
                    permissionSets: ['${role}']
                    accounts: ['${account}']
                """);
        assertEquals(Set.of("aws-111111111111-readonly readonly 111111111111",
                "aws-333333333333-poweruser poweruser 333333333333"), creates(plan));
        assertEquals(Set.of(new Finding.UnknownAccount("per-account-roles", "555555555555"),
                new Finding.UnknownPermissionSet("per-account-roles", "admin")), Set.copyOf(plan.findings()));
    }

    @Test
    void templatedAccountThatIsNoAccountIdIsReported() {
        group("team-alpha");
        Plan plan = plan("""
                assignments:
                  - name: by-team
                    groupPattern: 'team-(?<team>\\w+)'
                    permissionSets: [ReadOnlyAccess]
                    accounts: ['${team}']
                """);
        assertEquals(Set.of(), creates(plan));
        assertTrue(plan.findings().contains(new Finding.InvalidAccount("by-team", "team-alpha", "alpha")));
        assertTrue(plan.findings().contains(new Finding.NoTargets("by-team")));
    }

    @Test
    void organizationalUnitsAreRecursiveWithExceptionsAndSuspendedAccountsSkipped() {
        group("developers");
        Plan plan = plan("""
                assignments:
                  - name: developers-in-workloads
                    groups: [developers]
                    permissionSets: [PowerUserAccess]
                    organizationalUnits: ['ou-ab12-workload']
                    exceptAccounts: ['222222222222']
                """);
        assertEquals(Set.of("developers PowerUserAccess 333333333333"), creates(plan),
                "222 excepted, 444 suspended, 333 found two levels down");
        assertEquals(List.of(new Finding.AccountSkipped("developers-in-workloads", "444444444444", AccountStatus.SUSPENDED)),
                plan.findings());
    }

    @Test
    void accountTagsAloneSelectFromTheWholeOrganisation() {
        group("auditors");
        Plan plan = plan("""
                assignments:
                  - name: prod-readonly-by-tag
                    groups: [auditors]
                    permissionSets: [ReadOnlyAccess]
                    accountTags: { env: prod }
                """);
        assertEquals(Set.of("auditors ReadOnlyAccess 111111111111", "auditors ReadOnlyAccess 333333333333"), creates(plan));
    }

    @Test
    void accountTagsFilterTheAccountsOfAnOu() {
        group("auditors");
        Plan plan = plan("""
                assignments:
                  - name: prod-in-workloads
                    groups: [auditors]
                    permissionSets: [ReadOnlyAccess]
                    organizationalUnits: ['ou-ab12-workload']
                    accountTags: { env: prod }
                """);
        assertEquals(Set.of("auditors ReadOnlyAccess 333333333333"), creates(plan));
    }

    @Test
    void unknownSetsAccountsAndOusAreReportedAndTheManagementAccountWarned() {
        group("ops");
        Plan plan = plan("""
                assignments:
                  - name: ops
                    groups: [ops]
                    permissionSets: [AdministratorAccess, NoSuchSet]
                    accounts: ['999999999999', '777777777777']
                    organizationalUnits: ['ou-ab12-nosuchou']
                """);
        assertEquals(Set.of("ops AdministratorAccess 999999999999"), creates(plan));
        assertEquals(Set.of(new Finding.UnknownPermissionSet("ops", "NoSuchSet"),
                new Finding.UnknownAccount("ops", "777777777777"),
                new Finding.UnknownOrganizationalUnit("ops", "ou-ab12-nosuchou"),
                new Finding.ManagementAccount("ops", MANAGEMENT)), Set.copyOf(plan.findings()));
        assertEquals(1, plan.findings(Finding.Severity.WARNING).size());
    }

    @Test
    void permissionSetsByArnAreAccepted() {
        group("ops");
        Plan plan = plan("""
                assignments:
                  - name: ops
                    groups: [ops]
                    permissionSets: ['%s']
                    accounts: ['111111111111']
                """.formatted(arn("ReadOnlyAccess")));
        assertEquals(Set.of("ops ReadOnlyAccess 111111111111"), creates(plan));
    }

    @Test
    void renamingAGroupMovesItsAssignments() {
        String id = group("aws-333333333333-readonly");
        String rules = """
                assignments:
                  - name: per-account-roles
                    groupPattern: '^aws-(?<account>\\d{12})-(?<role>readonly|poweruser)$'
                    permissionSets: ['${role}']
                    accounts: ['${account}']
                """;
        Plan first = plan(rules);
        first.creates().forEach(c -> {
            actual.add(c.assignment());
            managed.put(c.assignment(), c.rule());
        });
        assertEquals(0, plan(rules).creates().size() + plan(rules).deletes().size(), "converged");

        groups.set(0, new GroupRef("aws-111111111111-poweruser", id));
        Plan afterRename = plan(rules);
        assertEquals(Set.of("aws-111111111111-poweruser poweruser 111111111111"), creates(afterRename));
        assertEquals(Set.of("aws-111111111111-poweruser readonly 333333333333"), deletes(afterRename));
        Change.Delete delete = afterRename.deletes().get(0);
        assertEquals("per-account-roles", delete.rule());
        assertEquals("no rule wants it any more", delete.reason());
    }

    @Test
    void onlyManagedAssignmentsAreDeletedAndManualOnesLeftAlone() {
        String devs = group("developers");
        String contractors = group("contractors");
        Assignment managedStale = Assignment.group(SETS.get("AdministratorAccess"), "111111111111", devs);
        Assignment manualStale = Assignment.group(SETS.get("AdministratorAccess"), "111111111111", contractors);
        Assignment manualWanted = Assignment.group(SETS.get("PowerUserAccess"), "111111111111", devs);
        Assignment manualUser = new Assignment(SETS.get("PowerUserAccess"), "111111111111", PrincipalType.USER,
                "0123456789-aaaaaaaa-0000-0000-0000-000000000000");
        actual.addAll(List.of(managedStale, manualStale, manualWanted, manualUser));
        managed.put(managedStale, "old-rule");
        String rules = """
                assignments:
                  - name: developers
                    groups: [developers]
                    permissionSets: [PowerUserAccess]
                    accounts: ['111111111111']
                """;
        Plan plan = plan(rules);
        assertEquals(Set.of(), creates(plan), "wanted and present (made by hand): nothing to do");
        assertEquals(Set.of("developers AdministratorAccess 111111111111"), deletes(plan));
        assertEquals("old-rule", plan.deletes().get(0).rule());
        assertEquals(Set.of(manualStale, manualUser), Set.copyOf(plan.unmanaged()));
        assertEquals(1, plan.unchanged());

        Plan all = plan(rules.replace("assignments:\n", "assignments:\n  manage: all\n  rules:\n")
                .replace("  - name", "    - name").replace("    groups", "      groups")
                .replace("    permissionSets", "      permissionSets").replace("    accounts", "      accounts"));
        assertEquals(Set.of("developers AdministratorAccess 111111111111", "contractors AdministratorAccess 111111111111",
                "0123456789-aaaaaaaa-0000-0000-0000-000000000000 PowerUserAccess 111111111111"), deletes(all));
        assertEquals(List.of(), all.unmanaged());
    }

    @Test
    void deletedGroupLosesItsManagedAssignmentsAndGoneRecordsAreForgotten() {
        String goneGroup = "0123456789-deadbeef-0000-0000-0000-000000000000";
        Assignment orphan = Assignment.group(SETS.get("ReadOnlyAccess"), "333333333333", goneGroup);
        Assignment alreadyGone = Assignment.group(SETS.get("ReadOnlyAccess"), "111111111111", goneGroup);
        actual.add(orphan);
        managed.put(orphan, "auditors");
        managed.put(alreadyGone, "auditors");
        Plan plan = plan("""
                assignments:
                  - name: auditors
                    groups: [auditors]
                    permissionSets: [ReadOnlyAccess]
                    accountTags: { env: prod }
                """);
        assertEquals(1, plan.deletes().size());
        assertEquals("the group is no longer in Identity Center", plan.deletes().get(0).reason());
        assertEquals(List.of(alreadyGone), plan.forget());
        assertTrue(plan.render().contains("- group " + goneGroup + " -> ReadOnlyAccess in 333333333333 (prod-a)"),
                plan.render());
    }

    @Test
    void withoutTheOrganisationListedAccountsAreStillPlanned() {
        group("ops");
        Plan plan = Planner.plan(RulesYaml.rules("""
                assignments:
                  - name: ops
                    groups: [ops]
                    permissionSets: [ReadOnlyAccess]
                    accounts: ['111111111111']
                  - name: everywhere
                    groups: [ops]
                    permissionSets: [ReadOnlyAccess]
                    organizationalUnits: ['ou-ab12-workload']
                """), groups, Organization.unavailable("no credentials"), SETS, actual, managed);
        assertEquals(Set.of("ops ReadOnlyAccess 111111111111"), creates(plan));
        assertTrue(plan.findings().contains(new Finding.OrganizationUnavailable("everywhere", "no credentials")));
    }

    @Test
    void theSameAssignmentWantedTwiceIsCreatedOnceForTheFirstRule() {
        group("ops");
        Plan plan = plan("""
                assignments:
                  - name: first
                    groups: [ops]
                    permissionSets: [ReadOnlyAccess]
                    accounts: ['111111111111']
                  - name: second
                    groupPattern: 'o.s'
                    permissionSets: [ReadOnlyAccess]
                    accountTags: { env: prod }
                """);
        assertEquals(2, plan.creates().size());
        assertEquals(Map.of("111111111111", "first", "333333333333", "second"), plan.creates().stream()
                .collect(Collectors.toMap(c -> c.assignment().accountId(), Change::rule)));
    }

    @Test
    void desiredTargetsAreThePairsToRead() {
        group("aws-111111111111-readonly");
        group("aws-333333333333-poweruser");
        group("auditors");
        Planner.Desired desired = Planner.desired(RulesYaml.rules("""
                assignments:
                  - name: per-account-roles
                    groupPattern: '^aws-(?<account>\\d{12})-(?<role>readonly|poweruser)$'
                    permissionSets: ['${role}', ReadOnlyAccess]
                    accounts: ['${account}']
                  - name: auditors
                    groups: [auditors]
                    permissionSets: [ReadOnlyAccess]
                    accountTags: { env: prod }
                """), groups, ORG, SETS);
        assertEquals(Set.of(new Assignment.Target(SETS.get("readonly"), "111111111111"),
                new Assignment.Target(SETS.get("ReadOnlyAccess"), "111111111111"),
                new Assignment.Target(SETS.get("poweruser"), "333333333333"),
                new Assignment.Target(SETS.get("ReadOnlyAccess"), "333333333333")), desired.targets());
        assertEquals(6, desired.size(), "2 + 2 templated, 2 by tag");
    }

    @Test
    void renderIsTerraformStyle() {
        group("aws-platform-admins");
        String out = plan("""
                assignments:
                  - name: platform-admins
                    groups: ['aws-platform-admins']
                    permissionSets: [AdministratorAccess]
                    accounts: ['111111111111', '999999999999']
                """).render();
        assertTrue(out.startsWith("Plan: 2 to create, 0 to delete (0 unchanged, 0 not created by the bridge, left alone)"), out);
        assertTrue(out.contains("  + group aws-platform-admins -> AdministratorAccess in 111111111111 (shared)"
                + "   # rule platform-admins"), out);
        assertTrue(out.contains("warning rule platform-admins: account 999999999999 is the organisation's management"), out);
    }
}
