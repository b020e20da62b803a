package io.scimbridge.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code assignments} and {@code permissionSets} sections: what is accepted, and each error with its line and key. */
class AssignmentRulesParserTest {

    private static final String ISSUE_EXAMPLE = """
            assignments:
              - name: platform-admins
                groups: ['aws-platform-admins']
                permissionSets: [AdministratorAccess]
                accounts: ['111111111111', '222222222222']
              - name: per-account-roles
                groupPattern: '^aws-(?<account>\\d{12})-(?<role>readonly|poweruser)$'
                permissionSets: ['${role}']
                accounts: ['${account}']
              - name: developers-in-workloads
                groups: [developers]
                permissionSets: [PowerUserAccess]
                organizationalUnits: ['ou-ab12-cdef3456']
                exceptAccounts: ['333333333333']
              - name: prod-readonly-by-tag
                groups: [auditors]
                permissionSets: [ReadOnlyAccess]
                accountTags: { env: prod }
            permissionSets:
              AdministratorAccess: { sessionDuration: PT1H }
            """;

    @Test
    void theIssueExampleParses() {
        AssignmentRules rules = RulesYaml.rules(ISSUE_EXAMPLE);
        assertEquals(List.of("platform-admins", "per-account-roles", "developers-in-workloads", "prod-readonly-by-tag"),
                rules.rules().stream().map(AssignmentRule::name).toList());
        assertEquals(AssignmentRules.Manage.MANAGED, rules.manage());

        AssignmentRule admins = rules.rules().get(0);
        assertEquals(new GroupSelector.Names(List.of("aws-platform-admins")), admins.groups());
        assertEquals(List.of("111111111111", "222222222222"), admins.accounts().stream().map(Template::text).toList());
        assertEquals(2, admins.line());

        AssignmentRule perAccount = rules.rules().get(1);
        GroupSelector.Regex regex = assertInstanceOf(GroupSelector.Regex.class, perAccount.groups());
        assertEquals(Set.of("account", "role"), regex.namedGroups());
        assertEquals(Set.of("role"), perAccount.permissionSets().get(0).groupNames());

        AssignmentRule developers = rules.rules().get(2);
        assertEquals(List.of("ou-ab12-cdef3456"), developers.organizationalUnits());
        assertEquals(Set.of("333333333333"), developers.exceptAccounts());
        assertEquals(Map.of("env", "prod"), rules.rules().get(3).accountTags());
        assertTrue(rules.rules().get(3).startsFromWholeOrganization());

        PermissionSetPolicy admin = rules.permissionSets().get("AdministratorAccess");
        assertEquals("PT1H", admin.sessionDuration());
        assertEquals(20, admin.line());
    }

    @Test
    void manageAllTakesTheMappingForm() {
        AssignmentRules rules = RulesYaml.rules("""
                assignments:
                  manage: all
                  rules:
                    - name: admins
                      groups: admins
                      permissionSets: arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef
                      accounts: '111111111111'
                """);
        assertEquals(AssignmentRules.Manage.ALL, rules.manage());
        assertEquals(List.of("admins"), ((GroupSelector.Names) rules.rules().get(0).groups()).names());
    }

    @Test
    void revokeOnGroupRemovalIsAskedForPerRule() {
        AssignmentRules rules = RulesYaml.rules("""
                assignments:
                  - name: prod-admins
                    groups: [prod-admins]
                    permissionSets: [AdministratorAccess]
                    accounts: ['111111111111']
                    revokeOnGroupRemoval: true
                  - name: readers
                    groups: [readers]
                    permissionSets: [ReadOnlyAccess]
                    accounts: ['111111111111']
                """);
        assertTrue(rules.rules().get(0).revokeOnGroupRemoval());
        assertFalse(rules.rules().get(1).revokeOnGroupRemoval(), "off unless asked for");
    }

    @Test
    void absentSectionsAreNoRules() {
        assertEquals(AssignmentRules.empty(), RulesYaml.rules("sources: {}\n"));
    }

    static Stream<Arguments> invalid() {
        String rule = """
                assignments:
                  - name: r
                    groups: [g]
                    permissionSets: [ReadOnlyAccess]
                    accounts: ['111111111111']
                """;
        return Stream.of(
                Arguments.of("missing name", rule.replace("- name: r\n    groups", "- groups"),
                        2, "assignments[0]", "needs 'name'"),
                Arguments.of("bad name", rule.replace("name: r", "name: 'has space'"),
                        2, "assignments[0].name", "1-64 letters"),
                Arguments.of("groups and pattern", rule.replace("groups: [g]", "groups: [g]\n    groupPattern: 'x'"),
                        4, "assignments[0]", "either 'groups' or 'groupPattern'"),
                Arguments.of("no groups", rule.replace("    groups: [g]\n", ""),
                        2, "assignments[0]", "needs 'groups'"),
                Arguments.of("bad regex", rule.replace("groups: [g]", "groupPattern: 'aws-(?<a>[0-9'"),
                        3, "assignments[0].groupPattern", "not a valid regular expression"),
                Arguments.of("unknown named group", rule.replace("groups: [g]", "groupPattern: 'aws-(?<role>.*)'")
                                .replace("[ReadOnlyAccess]", "['${rol}']"),
                        4, "assignments[0].permissionSets[0]", "refers to [rol]"),
                Arguments.of("template without pattern", rule.replace("['111111111111']", "['${account}']"),
                        5, "assignments[0].accounts[0]", "this rule has none"),
                Arguments.of("unclosed template", rule.replace("groups: [g]", "groupPattern: '(?<a>.*)'")
                                .replace("['111111111111']", "['${a']"),
                        5, "assignments[0].accounts[0]", "not closed"),
                Arguments.of("short account", rule.replace("['111111111111']", "['111111111111', '12345']"),
                        5, "assignments[0].accounts[1]", "expected a 12-digit account id, found '12345'"),
                Arguments.of("bad OU", rule.replace("accounts: ['111111111111']", "organizationalUnits: [ou-1]"),
                        5, "assignments[0].organizationalUnits[0]", "OU id"),
                Arguments.of("revokeOnGroupRemoval not a boolean", rule + "    revokeOnGroupRemoval: 'true'\n",
                        6, "assignments[0].revokeOnGroupRemoval", "expected true or false (unquoted), found 'true'"),
                Arguments.of("bad except", rule + "    exceptAccounts: [abc]\n",
                        6, "assignments[0].exceptAccounts[0]", "12-digit"),
                Arguments.of("tags not a mapping", rule.replace("accounts: ['111111111111']", "accountTags: [env]"),
                        5, "assignments[0].accountTags", "mapping of tag keys"),
                Arguments.of("no targets", rule.replace("    accounts: ['111111111111']\n", ""),
                        2, "assignments[0]", "needs targets"),
                Arguments.of("no permission sets", rule.replace("    permissionSets: [ReadOnlyAccess]\n", ""),
                        2, "assignments[0]", "needs 'permissionSets'"),
                Arguments.of("empty permission sets", rule.replace("[ReadOnlyAccess]", "[]"),
                        4, "assignments[0].permissionSets", "expected a non-empty list, found an empty list"),
                Arguments.of("long permission set name", rule.replace("ReadOnlyAccess", "x".repeat(33)),
                        4, "assignments[0].permissionSets[0]", "1-32 characters"),
                Arguments.of("bad permission set ARN", rule.replace("ReadOnlyAccess", "'arn:aws:sso:::permissionSet/x'"),
                        4, "assignments[0].permissionSets[0]", "expected a permission set ARN"),
                Arguments.of("misspelt key", rule.replace("permissionSets:", "permissionSet:"),
                        4, "assignments[0]", "did you mean 'permissionSets'"),
                Arguments.of("duplicate rule", rule + rule.substring("assignments:\n".length()),
                        6, "assignments[1].name", "duplicate rule name 'r'"),
                Arguments.of("rule not a mapping", "assignments:\n  - just-a-name\n",
                        2, "assignments[0]", "expected a rule (a mapping with name, groups or groupPattern, "
                                + "permissionSets and targets), found 'just-a-name'"),
                Arguments.of("assignments not a list", "assignments: everything\n",
                        1, "assignments", "expected a list of rules, found 'everything'"),
                Arguments.of("bad manage", "assignments:\n  manage: sometimes\n  rules: []\n",
                        2, "assignments.manage", "'managed'"),
                Arguments.of("session too long", "permissionSets:\n  Admin: { sessionDuration: PT13H }\n",
                        2, "permissionSets.Admin.sessionDuration", "between PT1H and PT12H"),
                Arguments.of("session too short", "permissionSets:\n  Admin: { sessionDuration: PT30M }\n",
                        2, "permissionSets.Admin.sessionDuration", "between PT1H and PT12H"),
                Arguments.of("session not ISO", "permissionSets:\n  Admin: { sessionDuration: 1 hour }\n",
                        2, "permissionSets.Admin.sessionDuration",
                        "expected an ISO-8601 duration such as PT1H or PT8H, found '1 hour'"),
                Arguments.of("unknown setting", "permissionSets:\n  Admin: { sessionDuration: PT1H, policy: x }\n",
                        2, "permissionSets.Admin", "unknown key 'policy'"),
                Arguments.of("settings not a mapping", "permissionSets:\n  Admin: PT1H\n",
                        2, "permissionSets.Admin", "expected a mapping such as { sessionDuration: PT1H }, found 'PT1H'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void eachErrorNamesItsLineAndKey(String title, String yaml, int line, String key, String reason) {
        ParsedSection.Invalid<?> invalid = assertInstanceOf(ParsedSection.Invalid.class,
                RulesYaml.parse(yaml), title);
        RulesError error = invalid.errors().get(0);
        assertEquals(line, error.line(), () -> title + ": " + invalid.errors());
        assertEquals(key, error.key(), () -> title + ": " + invalid.errors());
        assertTrue(error.message().contains(reason), () -> title + ": " + invalid.errors());
    }

    @Test
    void everyErrorIsReportedNotJustTheFirst() {
        ParsedSection.Invalid<?> invalid = assertInstanceOf(ParsedSection.Invalid.class,
                RulesYaml.parse("""
                        assignments:
                          - name: a
                            groups: [g]
                            permissionSets: [ReadOnlyAccess]
                            accounts: ['1']
                          - name: b
                            groupPattern: '('
                            permissionSets: [ReadOnlyAccess]
                            accounts: ['111111111111']
                        permissionSets:
                          ReadOnlyAccess: { sessionDuration: PT24H }
                        """));
        assertEquals(List.of(5, 7, 11), invalid.errors().stream().map(RulesError::line).toList(), invalid.errors()::toString);
        assertEquals("line 5: assignments[0].accounts[0]: expected a 12-digit account id, found '1'",
                invalid.errors().get(0).toString());
    }
}
