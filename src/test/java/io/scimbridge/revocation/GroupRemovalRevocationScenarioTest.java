package io.scimbridge.revocation;

import static io.restassured.RestAssured.given;
import static io.scimbridge.revocation.GroupRemovalRevocationProfile.WORKLOAD;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.EmulatorCredentials;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import io.scimbridge.revocation.DenyPolicy;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * {@code revokeOnGroupRemoval}: Azure AD removes members from groups whose assignments
 * the bridge made. Only the rule that asks for it ends the sessions the group gave, only in the
 * permission set it granted, and not for a member who still gets that set through another group;
 * back in the group, the Deny is lifted.
 */
@QuarkusTest
@ExtendWith(EmulatorCredentials.class)
@TestProfile(GroupRemovalRevocationProfile.class)
class GroupRemovalRevocationScenarioTest extends ForwarderScenario {

    private SsoAdminEmulator sso;
    private String admin;
    private String readOnly;

    @BeforeEach
    void permissionSetsTheRulesName() {
        sso = aws.ssoAdmin();
        aws.organizations().tree().seedAccount(WORKLOAD, "workload", aws.organizations().rootId());
        admin = sso.seedPermissionSet("AdministratorAccess", "PT4H");
        readOnly = sso.seedPermissionSet("ReadOnlyAccess");
    }

    @Test
    void onlyTheRuleThatAsksForItEndsTheSessionsItsGroupGave() {
        IdpConnection azure = IdpConnection.azure();
        String ada = azure.createUser(UserBody.azure("ada@example.com"));
        String bob = azure.createUser(UserBody.azure("bob@example.com"));
        String cy = azure.createUser(UserBody.azure("cy@example.com"));
        String admins = azure.createGroup(GroupBody.azure("aws-admins").members(ada, cy));
        azure.createGroup(GroupBody.azure("aws-break-glass").members(cy));
        String readers = azure.createGroup(GroupBody.azure("aws-readers").members(ada, bob));
        awaitIdentityCenterMirrorsBridge();
        eventually().untilAsserted(() -> assertEquals(3, sso.assignments().size(), "the bridge assigned the three groups"));
        String adaIc = icUser("ada@example.com").id();

        // bob leaves a group whose rule does not ask for revocation
        azure.patchGroup(readers, PatchBody.azure().removeMembers(bob));
        awaitIdentityCenterMirrorsBridge();
        // ada leaves aws-admins (its rule asks); cy too, but cy keeps AdministratorAccess through aws-break-glass
        azure.patchGroup(admins, PatchBody.azure().removeMembers(ada, cy));

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(adaIc), deniedInTheAccount(admin)));
        assertEquals(Set.of(), deniedInTheAccount(readOnly), "ada still reads; bob's rule does not revoke");
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/session-revocations").then().statusCode(200)
                .body("revocations", hasSize(0))
                .body("groupRemovals", hasSize(1))
                .body("groupRemovals[0].icUserId", equalTo(adaIc))
                .body("groupRemovals[0].permissionSetArn", equalTo(admin))
                .body("groupRemovals[0].groupId", equalTo(admins));

        azure.patchGroup(admins, PatchBody.azure().addMembers(ada));

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(), deniedInTheAccount(admin)));
        assertEquals("", sso.inlinePolicy(admin), "the bridge's statement was all the set held");
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/session-revocations").then().statusCode(200)
                .body("groupRemovals", hasSize(0));
    }

    @Test
    void azureAdDeletingTheGroupEndsTheSessionsItGaveAsRemovingEachMemberWould() {
        IdpConnection azure = IdpConnection.azure();
        String dee = azure.createUser(UserBody.azure("dee@example.com"));
        String eve = azure.createUser(UserBody.azure("eve@example.com"));
        String admins = azure.createGroup(GroupBody.azure("aws-admins").members(dee, eve));
        azure.createGroup(GroupBody.azure("aws-break-glass").members(eve));
        awaitIdentityCenterMirrorsBridge();
        eventually().untilAsserted(() -> assertEquals(2, sso.assignments().size(), "the bridge assigned both groups"));
        String deeIc = icUser("dee@example.com").id();

        azure.deleteGroup(admins);

        // eve keeps AdministratorAccess through aws-break-glass
        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(deeIc), deniedInTheAccount(admin)));
        eventually().untilAsserted(() -> assertEquals(1, sso.assignments().size(), "the deleted group's assignment went with it"));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/session-revocations").then().statusCode(200)
                .body("groupRemovals", hasSize(1))
                .body("groupRemovals[0].icUserId", equalTo(deeIc))
                .body("groupRemovals[0].groupId", equalTo(admins));
    }

    /** The ids the bridge's statement denies in the role the workload account holds for the set. */
    private Set<String> deniedInTheAccount(String permissionSet) {
        return DenyPolicy.ids(sso.provisionedInlinePolicies(permissionSet).getOrDefault(WORKLOAD, ""));
    }
}
