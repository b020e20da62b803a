package io.scimbridge.rules;

import static io.scimbridge.rules.Resources.group;
import static io.scimbridge.rules.Resources.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.rules.RulesDecision.Effect;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RulesDecisionTest {

    static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER;

    static RulesDecision decideUser(String rulesYaml, ObjectNode user, DecisionContext context) {
        return Shape.decide(RulesParser.parse(rulesYaml), ResourceType.USER, user, context);
    }

    static RulesDecision decideUser(String rulesYaml, ObjectNode user) {
        return decideUser(rulesYaml, user, DecisionContext.none());
    }

    static RulesDecision decideGroup(String rulesYaml, ObjectNode group) {
        return Shape.decide(RulesParser.parse(rulesYaml), ResourceType.GROUP, group, DecisionContext.none());
    }

    // ---------------------------------------------------------------- which users are forwarded

    /** One row: rules, a user, and what the rules should decide, by which rule. */
    record UserCase(String name, String rules, ObjectNode user, DecisionContext context, Effect effect, DecisionRule rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static UserCase userCase(String name, String rules, Resources.UserDoc user, Effect effect, DecisionRule rule) {
        return new UserCase(name, rules, user.build(), DecisionContext.none(), effect, rule);
    }

    static UserCase userCase(String name, String rules, Resources.UserDoc user, List<Resources.GroupDoc> groups,
                             Effect effect, DecisionRule rule) {
        return new UserCase(name, rules, user.build(), DecisionContext.memberOf(groups.stream().map(Resources.GroupDoc::build).toList()),
                effect, rule);
    }

    static final String INCLUDE_DOMAINS = """
            users:
              include: 'emails.value ew "@example.com" or emails.value ew "@example.org"'
            """;
    static final String EXCLUDE_GUESTS_AND_CONTRACTORS = """
            users:
              exclude: 'userName co "#EXT#" or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Contractors"'
            """;
    static final String REQUIRE_AWS_GROUP = """
            users:
              requireGroup: true
            groups:
              include: 'displayName sw "aws-"'
              exclude: 'displayName eq "aws-break-glass"'
            """;

    static Stream<UserCase> users() {
        return Stream.of(
                userCase("no rules: forwarded by default", "", user("ann"), Effect.FORWARD, DecisionRule.USERS_DEFAULT),
                userCase("include: a matching email domain", INCLUDE_DOMAINS,
                        user("ann").workEmail("ann@example.org"), Effect.FORWARD, DecisionRule.USERS_INCLUDE),
                userCase("include: any email of the user counts", INCLUDE_DOMAINS,
                        user("ann").email("home", "ann@gmail.com", true).email("work", "ann@EXAMPLE.com", false),
                        Effect.FORWARD, DecisionRule.USERS_INCLUDE),
                userCase("include: another domain", INCLUDE_DOMAINS,
                        user("ann").workEmail("ann@elsewhere.net"), Effect.DEACTIVATE, DecisionRule.USERS_INCLUDE),
                userCase("include: no email at all", INCLUDE_DOMAINS, user("ann"), Effect.DEACTIVATE, DecisionRule.USERS_INCLUDE),
                userCase("exclude: an Azure AD guest", EXCLUDE_GUESTS_AND_CONTRACTORS,
                        user("ann_partner.com#EXT#@example.onmicrosoft.com"), Effect.DEACTIVATE, DecisionRule.USERS_EXCLUDE),
                userCase("exclude: a guest whatever the letter case", EXCLUDE_GUESTS_AND_CONTRACTORS,
                        user("ann_partner.com#ext#@example.onmicrosoft.com"), Effect.DEACTIVATE, DecisionRule.USERS_EXCLUDE),
                userCase("exclude: the enterprise department", EXCLUDE_GUESTS_AND_CONTRACTORS,
                        user("bob@example.com").department("Contractors"), Effect.DEACTIVATE, DecisionRule.USERS_EXCLUDE),
                userCase("exclude: another department", EXCLUDE_GUESTS_AND_CONTRACTORS,
                        user("bob@example.com").department("Engineering"), Effect.FORWARD, DecisionRule.USERS_DEFAULT),
                userCase("exclude: the department without its URN", """
                        users:
                          exclude: 'department eq "Contractors"'
                        """, user("bob@example.com").department("contractors"), Effect.DEACTIVATE, DecisionRule.USERS_EXCLUDE),
                userCase("exclude wins over include", INCLUDE_DOMAINS + """
                          exclude: 'userName co "#EXT#"'
                        """, user("x#EXT#@example.com").workEmail("x@example.com"), Effect.DEACTIVATE, DecisionRule.USERS_EXCLUDE),
                userCase("requireGroup: in a forwarded group", REQUIRE_AWS_GROUP, user("ann"),
                        List.of(group("staff"), group("aws-admins")), Effect.FORWARD, DecisionRule.USERS_REQUIRE_GROUP),
                userCase("requireGroup: only in groups that are not forwarded", REQUIRE_AWS_GROUP, user("ann"),
                        List.of(group("staff"), group("aws-break-glass")), Effect.DEACTIVATE, DecisionRule.USERS_REQUIRE_GROUP),
                userCase("requireGroup: in no group", REQUIRE_AWS_GROUP, user("ann"), List.of(),
                        Effect.DEACTIVATE, DecisionRule.USERS_REQUIRE_GROUP),
                userCase("requireGroup off: in no group", "users:\n  requireGroup: false\n", user("ann"), List.of(),
                        Effect.FORWARD, DecisionRule.USERS_DEFAULT),
                userCase("requireGroup: group filters may use externalId", """
                        users:
                          requireGroup: true
                        groups:
                          include: 'externalId sw "aws:"'
                        """, user("ann"), List.of(group("Admins").externalId("aws:admins")),
                        Effect.FORWARD, DecisionRule.USERS_REQUIRE_GROUP),
                userCase("whenExcluded: delete", """
                        users:
                          exclude: 'userName co "#EXT#"'
                          whenExcluded: delete
                        """, user("guest#EXT#@x.onmicrosoft.com"), Effect.DELETE, DecisionRule.USERS_EXCLUDE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void whichUsersAreForwarded(UserCase c) {
        RulesDecision decision = decideUser(c.rules(), c.user(), c.context());

        assertEquals(c.effect(), decision.effect());
        assertEquals(c.rule(), decision.rule());
        assertEquals(ResourceType.USER, decision.type());
    }

    @Test
    void anExclusionExplainsItselfWithTheRulesConsulted() {
        RulesDecision decision = decideUser(INCLUDE_DOMAINS + """
                  exclude: 'userName co "#EXT#"'
                """, user("x#EXT#@example.com").workEmail("x@example.com").build());

        assertEquals(List.of(
                "users.include (line 2): matched 'emails.value ew \"@example.com\" or emails.value ew \"@example.org\"'",
                "users.exclude (line 3): matched 'userName co \"#EXT#\"'"),
                decision.reasons().stream().map(RulesDecision.Reason::toString).toList());
    }

    @Test
    void requireGroupNamesTheGroupThatLetTheUserThrough() {
        RulesDecision decision = decideUser(REQUIRE_AWS_GROUP, user("ann").build(),
                DecisionContext.memberOf(List.of(group("aws-devs").build())));

        assertEquals("users.requireGroup: member of forwarded group 'aws-devs'", decision.reasons().getLast().toString());
    }

    @Test
    void theGroupsOfAUserAreOnlyLoadedWhenRequireGroupAsksForThem() {
        DecisionContext failsWhenRead = DecisionContext.memberOf(() -> {
            throw new AssertionError("groups were loaded without users.requireGroup");
        });

        assertTrue(decideUser(EXCLUDE_GUESTS_AND_CONTRACTORS, user("ann").build(), failsWhenRead).forwarded());
    }

    @Test
    void aDeactivatedUserIsDesiredInactiveAndTheSourceIsUntouched() {
        ObjectNode source = user("guest#EXT#@x.onmicrosoft.com").build();
        ObjectNode before = source.deepCopy();

        RulesDecision decision = decideUser(EXCLUDE_GUESTS_AND_CONTRACTORS, source);

        assertEquals(Effect.DEACTIVATE, decision.effect());
        assertFalse(decision.document().get("active").booleanValue());
        assertEquals(before, source);
    }

    // ---------------------------------------------------------------- how users are shaped

    @Test
    void userNameIsLowercased() {
        RulesDecision decision = decideUser("users:\n  attributes:\n    userName: lowercase\n",
                user("Ann.Lee@Example.COM").build());

        assertEquals("ann.lee@example.com", decision.document().get("userName").textValue());
        assertEquals(List.of(new Shaping.UserNameCaseChanged(Rules.UserNameCase.LOWERCASE)), decision.shaping());
        assertEquals("lowercased", decision.shaping().getFirst().action());
    }

    @Test
    void userNameAlreadyInTheRightCaseIsNotCountedAsShaped() {
        RulesDecision decision = decideUser("users:\n  attributes:\n    userName: lowercase\n", user("ann@example.com").build());

        assertEquals(List.of(), decision.shaping());
    }

    @Test
    void userNameIsUppercasedOrKept() {
        assertEquals("ANN@EXAMPLE.COM", decideUser("users:\n  attributes:\n    userName: uppercase\n",
                user("ann@example.com").build()).document().get("userName").textValue());
        assertEquals("Ann@Example.com", decideUser("users:\n  attributes:\n    userName: keep\n",
                user("Ann@Example.com").build()).document().get("userName").textValue());
    }

    static final String DISPLAY_NAME_TEMPLATE = """
            users:
              attributes:
                displayName: '${name.givenName} ${name.familyName}'
            """;

    @Test
    void displayNameTemplateFillsAMissingDisplayName() {
        RulesDecision decision = decideUser(DISPLAY_NAME_TEMPLATE, user("ann").name("Ann", "Lee").build());

        assertEquals("Ann Lee", decision.document().get("displayName").textValue());
        assertEquals(List.of(new Shaping.Derived("displayName", "users.attributes.displayName")), decision.shaping());
    }

    @Test
    void displayNameTemplateLeavesASentDisplayNameAlone() {
        RulesDecision decision = decideUser(DISPLAY_NAME_TEMPLATE,
                user("ann").name("Ann", "Lee").displayName("Dr. Ann Lee").build());

        assertEquals("Dr. Ann Lee", decision.document().get("displayName").textValue());
        assertEquals(List.of(), decision.shaping());
    }

    @Test
    void displayNameTemplateIsNotAppliedWithAReferenceMissing() {
        RulesDecision decision = decideUser(DISPLAY_NAME_TEMPLATE, user("ann").build());

        assertNull(decision.document().get("displayName"));
        assertEquals(List.of(), decision.shaping());
    }

    @Test
    void dropRemovesCoreAndEnterpriseAttributes() {
        RulesDecision decision = decideUser("""
                users:
                  attributes:
                    drop: [title, name.middleName, urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter, nickName]
                """, user("ann").name("Ann", "Lee").middleName("Q").title("Engineer").costCenter("4711").department("R&D").build());

        ObjectNode doc = decision.document();
        assertNull(doc.get("title"));
        assertNull(doc.get("name").get("middleName"));
        assertEquals("Ann", doc.get("name").get("givenName").textValue());
        assertNull(doc.get(ENTERPRISE).get("costCenter"));
        assertEquals("R&D", doc.get(ENTERPRISE).get("department").textValue());
        assertEquals(List.of(new Shaping.Dropped("title"), new Shaping.Dropped("name.middleName"),
                new Shaping.Dropped("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter")),
                decision.shaping(), "nickName was not there, so it was not dropped");
    }

    @Test
    void droppingTheLastEnterpriseAttributeRemovesTheExtension() {
        RulesDecision decision = decideUser("users:\n  attributes:\n    drop: [costCenter]\n",
                user("ann").costCenter("4711").build());

        assertNull(decision.document().get(ENTERPRISE));
    }

    @Test
    void dropWithAValueFilterRemovesOnlyTheElementsItSelects() {
        RulesDecision decision = decideUser("""
                users:
                  attributes:
                    drop: ['phoneNumbers[type eq "fax"]', 'emails[type eq "home"]']
                """, user("ann").phone("work", "+1 555").phone("fax", "+1 556").email("home", "a@home.net", false).build());

        ObjectNode doc = decision.document();
        assertEquals(1, doc.get("phoneNumbers").size());
        assertEquals("work", doc.get("phoneNumbers").get(0).get("type").textValue());
        assertNull(doc.get("emails"), "an attribute left without elements is removed");
    }

    @Test
    void setOverwritesFromATemplateReadingTheSource() {
        RulesDecision decision = decideUser("""
                users:
                  attributes:
                    drop: [urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department]
                    set:
                      userType: 'Employee'
                      title: '${department} (${emails.value})'
                      organization: 'Example Corp'
                """, user("ann").title("old").department("R&D").email("home", "a@home.net", false)
                .email("work", "ann@example.com", true).build());

        ObjectNode doc = decision.document();
        assertEquals("Employee", doc.get("userType").textValue());
        assertEquals("R&D (ann@example.com)", doc.get("title").textValue(), "the primary email, the dropped department");
        assertEquals("Example Corp", doc.get(ENTERPRISE).get("organization").textValue());
        assertNull(doc.get(ENTERPRISE).get("department"));
        assertEquals(List.of("dropped", "derived", "derived", "derived"),
                decision.shaping().stream().map(Shaping::action).toList());
    }

    @Test
    void aDroppedDisplayNameIsAlwaysDerived() {
        RulesDecision decision = decideUser("""
                users:
                  attributes:
                    drop: [displayName]
                    displayName: '${name.givenName} ${name.familyName}'
                """, user("ann").name("Ann", "Lee").displayName("ANN LEE (EXT)").build());

        assertEquals("Ann Lee", decision.document().get("displayName").textValue());
    }

    // ---------------------------------------------------------------- groups

    static final String AWS_GROUPS = """
            groups:
              include: 'displayName sw "aws-"'
              exclude: 'displayName eq "aws-break-glass"'
              rename: { pattern: '^aws-(.*)$', to: 'AWS-$1' }
            """;

    record GroupCase(String name, String rules, String displayName, Effect effect, DecisionRule rule, String shapedName) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<GroupCase> groups() {
        return Stream.of(
                new GroupCase("no rules: forwarded as sent", "", "Staff", Effect.FORWARD, DecisionRule.GROUPS_DEFAULT, "Staff"),
                new GroupCase("include and rename with a regex group", AWS_GROUPS, "aws-admins",
                        Effect.FORWARD, DecisionRule.GROUPS_INCLUDE, "AWS-admins"),
                new GroupCase("include is not case-sensitive, the rename is", AWS_GROUPS, "AWS-Devs",
                        Effect.FORWARD, DecisionRule.GROUPS_INCLUDE, "AWS-Devs"),
                new GroupCase("not included", AWS_GROUPS, "staff", Effect.DELETE, DecisionRule.GROUPS_INCLUDE, "staff"),
                new GroupCase("excluded: deleted, groups cannot be deactivated", AWS_GROUPS, "aws-break-glass",
                        Effect.DELETE, DecisionRule.GROUPS_EXCLUDE, "AWS-break-glass"),
                new GroupCase("named groups, the first rename found applies", """
                        groups:
                          rename:
                            - { pattern: '^aws-(?<team>[a-z]+)-(?<role>admins|devs)$', to: 'AWS ${team} ${role}' }
                            - { pattern: '^aws-', to: 'AWS-' }
                        """, "aws-payments-devs", Effect.FORWARD, DecisionRule.GROUPS_DEFAULT, "AWS payments devs"),
                new GroupCase("the second rename when the first is not found", """
                        groups:
                          rename:
                            - { pattern: '^aws-(?<team>[a-z]+)-(?<role>admins|devs)$', to: 'AWS ${team} ${role}' }
                            - { pattern: '^aws-', to: 'AWS-' }
                        """, "aws-payments-ops", Effect.FORWARD, DecisionRule.GROUPS_DEFAULT, "AWS-payments-ops"),
                new GroupCase("a pattern that is not found leaves the name", "groups:\n  rename: { pattern: '^aws-(.*)$', to: 'AWS-$1' }\n", "Staff",
                        Effect.FORWARD, DecisionRule.GROUPS_DEFAULT, "Staff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void whichGroupsAreForwardedAndHowTheyAreNamed(GroupCase c) {
        ObjectNode source = group(c.displayName()).build();

        RulesDecision decision = decideGroup(c.rules(), source);

        assertEquals(c.effect(), decision.effect());
        assertEquals(c.rule(), decision.rule());
        assertEquals(c.shapedName(), decision.document().get("displayName").textValue());
        assertEquals(c.displayName(), source.get("displayName").textValue(), "the source state is never changed");
    }

    @Test
    void aRenameIsRecordedWithItsLine() {
        RulesDecision decision = decideGroup(AWS_GROUPS, group("aws-admins").build());

        assertEquals(List.of(new Shaping.Renamed("aws-admins", "AWS-admins", 4)), decision.shaping());
        assertEquals("renamed 'aws-admins' to 'AWS-admins' (groups.rename, line 4)", decision.shaping().getFirst().describe());
    }

    @Test
    void groupRulesMatchTheNameTheIdpSentNotTheRenamedOne() {
        RulesDecision decision = decideGroup("""
                groups:
                  exclude: 'displayName sw "cloud-"'
                  rename: { pattern: '^aws-', to: 'cloud-' }
                """, group("aws-admins").build());

        assertTrue(decision.forwarded());
    }
}
