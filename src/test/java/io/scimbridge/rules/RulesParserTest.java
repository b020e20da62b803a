package io.scimbridge.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.rules.Rules.UserNameCase;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.ScimSchemas;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RulesParserTest {

    static final String ISSUE_EXAMPLE = """
            users:
              include: 'emails.value ew "@example.com" or emails.value ew "@example.org"'
              exclude: 'userName co "#EXT#" or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Contractors"'
              requireGroup: true            # forward a user only while a forwarded group contains it
              whenExcluded: deactivate      # or: delete
              attributes:
                userName: lowercase
                displayName: '${name.givenName} ${name.familyName}'   # used only when missing
                drop: [title, urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter]
            groups:
              include: 'displayName sw "aws-"'
              exclude: 'displayName eq "aws-break-glass"'
              rename: { pattern: '^aws-(.*)$', to: 'AWS-$1' }
            """;

    // ---------------------------------------------------------------- valid files

    @Test
    void theIssuesExampleReadsAsWritten() {
        Rules rules = RulesParser.parse(ISSUE_EXAMPLE);

        Rules.Users users = rules.users();
        assertEquals("emails.value ew \"@example.com\" or emails.value ew \"@example.org\"", users.include().orElseThrow().text());
        assertEquals(2, users.include().get().line());
        assertEquals(3, users.exclude().orElseThrow().line());
        assertTrue(users.requireGroup());
        assertEquals(WhenExcluded.DEACTIVATE, users.whenExcluded());
        assertEquals(UserNameCase.LOWERCASE, users.attributes().userName());
        assertEquals("${name.givenName} ${name.familyName}", users.attributes().displayName().orElseThrow().text());
        assertEquals(List.of("title", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"),
                users.attributes().drop().stream().map(Rules.Drop::text).toList());

        Rules.Groups groups = rules.groups();
        assertEquals("displayName sw \"aws-\"", groups.include().orElseThrow().text());
        assertEquals("displayName eq \"aws-break-glass\"", groups.exclude().orElseThrow().text());
        assertEquals(1, groups.rename().size());
        assertEquals("^aws-(.*)$", groups.rename().getFirst().pattern().pattern());
        assertEquals("AWS-$1", groups.rename().getFirst().to());
        assertEquals(13, groups.rename().getFirst().line());
    }

    @Test
    void theDeployedExampleIsValid() throws Exception {
        Rules rules = RulesParser.parse(Path.of("deploy/rules.example.yaml"));

        assertTrue(rules.users().requireGroup());
        assertEquals(List.of(new AttributePath(null, "userType", null),
                        new AttributePath(ScimSchemas.ENTERPRISE_USER, "organization", null)),
                rules.users().attributes().set().stream().map(Rules.Derivation::target).toList());
        assertEquals(4, rules.users().attributes().drop().size());
    }

    static Stream<String> filesMeaningTheDefaults() {
        return Stream.of("", "\n\n", "# only a comment\n", "users:\ngroups:\n", "users: ~\n", "---\n");
    }

    @ParameterizedTest
    @MethodSource("filesMeaningTheDefaults")
    void emptyFilesAndEmptySectionsMeanTheDefaults(String yaml) {
        Rules rules = RulesParser.parse(yaml);

        assertEquals(Rules.Users.DEFAULTS, rules.users());
        assertEquals(Rules.Groups.DEFAULTS, rules.groups());
    }

    @Test
    void theEmptyFileIsTheDefaultsThemselves() {
        assertSame(Rules.DEFAULTS, RulesParser.parse(""));
    }

    @Test
    void renamesMayBeAListAndFiltersMayBeFolded() {
        Rules rules = RulesParser.parse("""
                groups:
                  include: >-
                    displayName sw "aws-"
                    or displayName sw "AWS_"
                  rename:
                    - pattern: '^aws-(?<team>[a-z]+)-admins$'
                      to: 'AWS ${team} admins'
                    - { pattern: '^aws-', to: 'AWS-' }
                """);

        assertEquals("displayName sw \"aws-\" or displayName sw \"AWS_\"", rules.groups().include().orElseThrow().text());
        assertEquals(List.of(6, 8), rules.groups().rename().stream().map(Rules.Rename::line).toList());
    }

    @Test
    void laterSectionsAreReadByTheirOwnFeatureWithTheFile() {
        Rules rules = RulesParser.parse("""
                users:
                  exclude: 'userName co "#EXT#"'
                assignments:
                  - name: admins
                    groups: [AWS-admins]
                    accounts: ['123456789012']
                    permissionSets: [AdministratorAccess]
                permissionSets:
                  AdministratorAccess: { sessionDuration: PT1H }
                """);

        assertEquals(3, rules.laterSections().get("assignments").line());
        assertEquals(8, rules.laterSections().get("permissionSets").line());
        assertTrue(rules.users().exclude().isPresent());
        assertEquals("admins", rules.section(AssignmentsSection.class).orElseThrow().rules().getFirst().name());
    }

    @Test
    void aLaterSectionWithErrorsRefusesTheWholeFileWithItsLines() {
        InvalidRulesException refused = assertThrows(InvalidRulesException.class, () -> RulesParser.parse("""
                users:
                  exclude: 'userName co "#EXT#"'
                assignments:
                  - group: AWS-admins
                    account: '123456789012'
                    permissionSet: AdministratorAccess
                permissionSets:
                  AdministratorAccess: { managedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess] }
                """));

        assertTrue(refused.errors().stream().anyMatch(e -> e.line() == 4 && e.message().contains("'group'")),
                refused.errors().toString());
        assertTrue(refused.errors().stream().anyMatch(e -> e.line() == 8 && e.key().startsWith("permissionSets")),
                refused.errors().toString());
    }

    @Test
    void protectNamesBreakGlassUsersAndGroupsCaseInsensitively() {
        Rules rules = RulesParser.parse("""
                protect:
                  users: [BreakGlass@contoso.com]
                  groups: [AWSControlTowerAdmins, aws-break-glass]
                """);

        ProtectedPrincipals protect = ProtectedPrincipals.of(rules);
        assertTrue(protect.user("breakglass@CONTOSO.com"));
        assertTrue(protect.group("awscontroltoweradmins"));
        assertFalse(protect.user("alice@contoso.com"));
        assertFalse(protect.group("BreakGlass@contoso.com"), "users and groups are apart");
        assertTrue(ProtectedPrincipals.of(RulesParser.parse("")).isEmpty());
    }

    @Test
    void rulesCheckReportsEveryMistakeInProtect() {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RulesParser.parse("""
                protect:
                  users: [breakglass@contoso.com, BREAKGLASS@contoso.com, '']
                  groups: aws-break-glass
                  roles: [admin]
                """));

        assertEquals(List.of(
                "line 2: protect.users[2]: 'BREAKGLASS@contoso.com' is listed twice (first as protect.users[1])",
                "line 2: protect.users[3]: is empty (leave the key out to use the default)",
                "line 3: protect.groups: expected a list such as [title, nickName], found 'aws-break-glass'",
                "line 4: protect.roles: unknown key; expected users, groups"),
                e.errors().stream().map(RulesError::toString).toList());
    }

    @Test
    void setTakesTemplatesForSingleValuedTextAttributes() {
        Rules rules = RulesParser.parse("""
                users:
                  attributes:
                    set:
                      title: '${urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department} staff'
                      name.formatted: '${name.givenName} ${name.familyName}'
                """);

        assertEquals(List.of(new AttributePath(null, "title", null), new AttributePath(null, "name", "formatted")),
                rules.users().attributes().set().stream().map(Rules.Derivation::target).toList());
    }

    @Test
    void sameForwardingIgnoresCommentsLinesAndSpacing() {
        Rules before = RulesParser.parse("users:\n  exclude: 'userName co \"#EXT#\"'\ngroups:\n  rename: {pattern: a, to: b}\n");
        Rules after = RulesParser.parse("# reviewed\n\nusers:\n  exclude: userName  co  \"#EXT#\"\ngroups:\n  rename: {pattern: a, to: b}\n");
        Rules other = RulesParser.parse("users:\n  exclude: 'userName co \"#ext#x\"'\n");

        assertTrue(before.sameForwarding(after));
        assertFalse(before.sameForwarding(other));
    }

    // ---------------------------------------------------------------- invalid files

    /** An expected error: its line, its key, and a fragment of its message. */
    record Expected(int line, String key, String messagePart) {}

    record Invalid(String name, String yaml, List<Expected> errors) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Invalid invalid(String name, String yaml, Expected... errors) {
        return new Invalid(name, yaml, List.of(errors));
    }

    static Expected at(int line, String key, String messagePart) {
        return new Expected(line, key, messagePart);
    }

    static Stream<Invalid> invalidFiles() {
        return Stream.of(
                invalid("bad YAML: unclosed quote", """
                        users:
                          include: 'userName eq "a"
                        groups:
                        """, at(4, "yaml", "invalid YAML")),
                invalid("bad YAML: bad indentation", """
                        users:
                          include: 'userName eq "a"'
                         exclude: 'userName eq "b"'
                        """, at(3, "yaml", "invalid YAML")),
                invalid("bad YAML: two documents", "users:\n---\ngroups:\n", at(2, "yaml", "expected a single document")),
                invalid("bad filter: unknown operator", """
                        users:
                          include: 'userName eqq "a"'
                        """, at(2, "users.include", "unknown operator 'eqq'")),
                invalid("bad filter: unclosed parenthesis", """
                        groups:
                          exclude: '(displayName eq "a" or displayName eq "b"'
                        """, at(2, "groups.exclude", "expected ')'")),
                invalid("bad filter: unknown attribute, with a suggestion", """
                        users:
                          exclude: 'userNam co "#EXT#"'
                        """, at(2, "users.exclude", "unknown attribute 'userNam' in the filter (did you mean 'userName'?)")),
                invalid("bad filter: wrong value type", """
                        users:
                          include: 'active eq "yes"'
                        """, at(2, "users.include", "invalid filter")),
                invalid("bad filter: groups of a user", """
                        users:
                          include: 'groups.display eq "aws-admins"'
                        """, at(2, "users.include", "use users.requireGroup")),
                invalid("bad filter: members of a group", """
                        groups:
                          include: 'members.value eq "123"'
                        """, at(2, "groups.include", "'members' is not part of a group's source state")),
                invalid("bad filter: a user attribute on groups", """
                        groups:
                          include: 'userName eq "x"'
                        """, at(2, "groups.include", "unknown attribute 'userName'")),
                invalid("unknown top-level key", """
                        user:
                          include: 'userName eq "a"'
                        """, at(1, "user", "unknown key (did you mean 'users'?)")),
                invalid("unknown key, with a suggestion", """
                        users:
                          exlude: 'userName co "#EXT#"'
                        """, at(2, "users.exlude", "unknown key (did you mean 'exclude'?)")),
                invalid("unknown key, letter case", """
                        users:
                          RequireGroup: true
                        """, at(2, "users.RequireGroup", "did you mean 'requireGroup'?")),
                invalid("unknown key without a close one", """
                        groups:
                          frobnicate: 1
                        """, at(2, "groups.frobnicate", "unknown key; expected include, exclude, rename")),
                invalid("duplicate key", """
                        users:
                          include: 'userName sw "a"'
                          include: 'userName sw "b"'
                        """, at(3, "users.include", "duplicate key (first at line 2)")),
                invalid("bad regex", """
                        groups:
                          rename: { pattern: '^aws-(.*$', to: 'AWS-$1' }
                        """, at(2, "groups.rename.pattern", "bad regular expression '^aws-(.*$': Unclosed group")),
                invalid("replacement names a missing group", """
                        groups:
                          rename:
                            pattern: '^aws-(.*)$'
                            to: 'AWS-$2'
                        """, at(4, "groups.rename.to", "refers to group $2 but the pattern has only 1 group")),
                invalid("replacement names a missing named group", """
                        groups:
                          rename:
                            - { pattern: '^aws-(?<team>.*)$', to: 'AWS-${tema}' }
                        """, at(3, "groups.rename[1].to", "'${tema}', which the pattern does not name")),
                invalid("rename without to", """
                        groups:
                          rename: { pattern: '^aws-' }
                        """, at(2, "groups.rename", "missing 'to'")),
                invalid("wrong type: boolean", """
                        users:
                          requireGroup: yes please
                        """, at(2, "users.requireGroup", "expected true or false, found 'yes please'")),
                invalid("wrong type: list for a filter", """
                        users:
                          include: [a, b]
                        """, at(2, "users.include", "expected text, found a list")),
                invalid("wrong type: text for a list", """
                        users:
                          attributes:
                            drop: title
                        """, at(3, "users.attributes.drop", "expected a list")),
                invalid("wrong type: list for a section", """
                        groups:
                          - include: 'displayName sw "aws-"'
                        """, at(2, "groups", "expected a mapping")),
                invalid("wrong type: a top level that is not a mapping", "just text\n",
                        at(1, "(top level)", "expected a mapping")),
                invalid("bad enum value: whenExcluded", """
                        users:
                          whenExcluded: archive
                        """, at(2, "users.whenExcluded", "expected one of deactivate, delete, found 'archive'")),
                invalid("bad enum value, with a suggestion", """
                        users:
                          attributes:
                            userName: lower
                        """, at(3, "users.attributes.userName", "did you mean 'lowercase'?")),
                invalid("empty filter", """
                        users:
                          include: ''
                        """, at(2, "users.include", "is empty")),
                invalid("drop: unknown attribute", """
                        users:
                          attributes:
                            drop:
                              - title
                              - costCentre
                        """, at(5, "users.attributes.drop[2]", "unknown attribute 'costCentre' (did you mean 'costCenter'?)")),
                invalid("drop: userName", """
                        users:
                          attributes:
                            drop: [userName]
                        """, at(3, "users.attributes.drop[1]", "'userName' cannot be dropped")),
                invalid("drop: a bad value filter", """
                        users:
                          attributes:
                            drop: ['phoneNumbers[type eq fax]']
                        """, at(3, "users.attributes.drop[1]", "strings must be quoted")),
                invalid("template: unknown attribute", """
                        users:
                          attributes:
                            displayName: '${name.givenNam} ${name.familyName}'
                        """, at(3, "users.attributes.displayName", "unknown attribute 'name.givenNam'")),
                invalid("template: unclosed reference", """
                        users:
                          attributes:
                            displayName: '${name.givenName'
                        """, at(3, "users.attributes.displayName", "is not closed")),
                invalid("set: a boolean attribute", """
                        users:
                          attributes:
                            set:
                              active: 'false'
                        """, at(4, "users.attributes.set.active", "active follows the IdP")),
                invalid("set: a multi-valued attribute", """
                        users:
                          attributes:
                            set:
                              emails: '${userName}'
                        """, at(4, "users.attributes.set.emails", "multi-valued")),
                invalid("set and drop the same attribute", """
                        users:
                          attributes:
                            drop: [title]
                            set:
                              title: 'Engineer'
                        """, at(5, "users.attributes.set.title", "both dropped and set")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidFilesNameTheLineTheKeyAndTheProblem(Invalid file) {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RulesParser.parse(file.yaml()));

        assertErrors(file.errors(), e.errors());
    }

    @Test
    void everyErrorOfAFileIsReportedInLineOrder() {
        InvalidRulesException e = assertThrows(InvalidRulesException.class, () -> RulesParser.parse("""
                users:
                  include: 'emails.value ew "@example.com"'
                  exlude: 'userName co "#EXT#"'
                  requireGroup: maybe
                  whenExcluded: remove
                  attributes:
                    userName: lowercase
                    drop: [titel]
                groups:
                  include: 'displayName sw aws-'
                  rename: { pattern: '[aws', to: 'AWS' }
                """));

        assertErrors(List.of(
                at(3, "users.exlude", "did you mean 'exclude'?"),
                at(4, "users.requireGroup", "expected true or false"),
                at(5, "users.whenExcluded", "expected one of deactivate, delete"),
                at(8, "users.attributes.drop[1]", "did you mean 'title'?"),
                at(10, "groups.include", "invalid filter at column"),
                at(11, "groups.rename.pattern", "bad regular expression")), e.errors());
    }

    @Test
    void errorsFormatLikeACompiler() {
        RulesError error = new RulesError(3, "users.exlude", "unknown key (did you mean 'exclude'?)");

        assertEquals("rules.yaml:3: users.exlude: unknown key (did you mean 'exclude'?)", error.format("rules.yaml"));
    }

    private static void assertErrors(List<Expected> expected, List<RulesError> actual) {
        assertEquals(expected.size(), actual.size(), () -> "errors: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Expected want = expected.get(i);
            RulesError got = actual.get(i);
            assertEquals(want.line(), got.line(), () -> "line of " + got);
            assertEquals(want.key(), got.key(), () -> "key of " + got);
            assertTrue(got.message().contains(want.messagePart()),
                    () -> "message of " + got + " should contain: " + want.messagePart());
        }
    }
}
