package io.scimbridge.guard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.assignments.AssignmentCoordinator;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.EmulatorCredentials;
import io.scimbridge.aws.emulator.OrganizationTree;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import io.scimbridge.identitycenter.emulator.StoredUser;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;

/**
 * The break-glass user and group named in the rules file's {@code protect:} section keep what they
 * have in Identity Center whatever Azure AD sends; the IdP still reads back what it sent.
 */
@QuarkusTest
@ExtendWith(EmulatorCredentials.class)
@TestProfile(GuardProfile.class)
class ProtectedPrincipalsScenarioTest extends SafetyRailsScenario {

    static final String PROTECT = """
            protect:
              users: [BreakGlass@contoso.com]
              groups: [aws-break-glass]
            """;

    @Inject
    AssignmentCoordinator coordinator;

    String breakGlass;
    String colleague;
    String group;

    @BeforeEach
    void aBreakGlassUserInABreakGlassGroup() {
        useRules(PROTECT);
        breakGlass = azure.createUser(UserBody.azure("breakglass@contoso.com").name("Break", "Glass").workEmail());
        colleague = azure.createUser(UserBody.azure("colleague@contoso.com").name("Col", "League").workEmail());
        group = azure.createGroup(GroupBody.azure("aws-break-glass").members(breakGlass, colleague));
        deliverWhatIsDue();
        assertEquals(Set.of("breakglass@contoso.com", "colleague@contoso.com"), membersInIdentityCenter());
    }

    @Test
    void aProtectedUserDeletedByTheIdpStaysInIdentityCenter() {
        azure.deleteUser(breakGlass);
        deliverWhatIsDue();

        StoredUser kept = icUser("breakglass@contoso.com");
        assertTrue(kept.attributes().path("active").asBoolean(true), "still active");
        assertEquals(Set.of("breakglass@contoso.com", "colleague@contoso.com"), membersInIdentityCenter(),
                "still in its group");
        assertEquals(0, azure.countUsers("breakglass@contoso.com"), "the IdP reads back what it sent: gone");
        assertFalse(guard.status().tripped(), "refused, not held");
        eventually().untilAsserted(() -> assertTrue(auditEntries("protect") >= 1, "the refusal is audited"));
    }

    @Test
    void aProtectedUserDeactivatedByTheIdpStaysActiveAndStillGetsItsOtherChanges() {
        azure.patchUser(breakGlass, PatchBody.azure().replace("active", false).replace("title", "Emergency access"));
        deliverWhatIsDue();

        StoredUser kept = icUser("breakglass@contoso.com");
        assertTrue(kept.attributes().path("active").asBoolean(true));
        assertEquals("Emergency access", kept.attributes().path("title").asText());
        assertFalse(azure.getUser(breakGlass).path("active").asBoolean(true), "the IdP reads back active: false");
        assertEquals(0, queue.status().depth());
    }

    @Test
    void aProtectedGroupEmptiedAndDeletedByTheIdpKeepsItsMembers() {
        given().auth().oauth2(TestTokens.admin()).get("/admin/resources/" + group + "/why").then().statusCode(200)
                .body("protection", is("protected"));
        given().auth().oauth2(TestTokens.admin()).get("/admin/resources/" + colleague + "/why").then().statusCode(200)
                .body("protection", nullValue());

        azure.patchGroup(group, PatchBody.azure().removeMembers(breakGlass, colleague));
        deliverWhatIsDue();
        assertEquals(Set.of("breakglass@contoso.com", "colleague@contoso.com"), membersInIdentityCenter());

        azure.deleteGroup(group);
        deliverWhatIsDue();
        assertTrue(identityCenter.groupByDisplayName("aws-break-glass").isPresent(), "the group is kept");
        assertEquals(Set.of("breakglass@contoso.com", "colleague@contoso.com"), membersInIdentityCenter());
        assertEquals(0, queue.status().depth(), "refusals are not retried");
    }

    @Test
    void protectionLiftedDeliversWhatTheIdpAskedFor() {
        azure.patchGroup(group, PatchBody.azure().removeMembers(colleague));
        azure.createGroup(GroupBody.azure("aws-developers").members(colleague));
        deliverWhatIsDue();
        assertEquals(Set.of("breakglass@contoso.com", "colleague@contoso.com"), membersInIdentityCenter(),
                "a protected group keeps even its unprotected members");

        useRules(""); // protection lifted: what the IdP asked for is delivered
        deliverWhatIsDue();
        assertEquals(Set.of("breakglass@contoso.com"), membersInIdentityCenter());
        azure.deleteUser(colleague);
        deliverWhatIsDue();
        assertTrue(icIdOfUserName("colleague@contoso.com").isEmpty(), "an unprotected leaver is deleted");
    }

    @Test
    void aProtectedGroupKeepsItsAssignmentWhenItsRuleIsDeleted() {
        SsoAdminEmulator sso = aws.ssoAdmin();
        OrganizationTree tree = aws.organizations().tree();
        tree.seedAccount("111111111111", "shared", tree.rootId());
        sso.seedPermissionSet("AdministratorAccess");
        String others = """
                assignments:
                  - name: developers
                    groups: [aws-developers]
                    permissionSets: [AdministratorAccess]
                    accounts: ['111111111111']
                """;
        useRules(PROTECT + others + """
                  - name: break-glass-admins
                    groups: [aws-break-glass]
                    permissionSets: [AdministratorAccess]
                    accounts: ['111111111111']
                """);
        assertEquals("applied", coordinator.run().detail());
        assertEquals(1, sso.assignments().size());

        useRules(PROTECT + others); // the break-glass rule deleted
        assertEquals(1, coordinator.plan().orElseThrow().plan().deletes().size(), "the plan would delete it");
        coordinator.run();
        assertEquals(1, sso.assignments().size(), "the break-glass group keeps its assignment");
        assertFalse(guard.status().tripped(), "refused, not held");
        eventually().untilAsserted(() -> assertTrue(auditEntries("protect") >= 1));
    }

    private Set<String> membersInIdentityCenter() {
        String id = identityCenter.groupByDisplayName("aws-break-glass").orElseThrow().id();
        return identityCenter.members(id).stream().map(m -> identityCenter.user(m).orElseThrow().userName())
                .collect(Collectors.toSet());
    }
}
