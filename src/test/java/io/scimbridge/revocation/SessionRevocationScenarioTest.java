package io.scimbridge.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.EmulatorCredentials;
import io.scimbridge.aws.emulator.OrganizationPolicies;
import io.scimbridge.aws.emulator.SdkClients;
import io.scimbridge.revocation.DenyPolicy;
import io.scimbridge.revocation.ScpPacking;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * A leaver's live AWS sessions end within seconds (mode scp): when the IdP deactivates
 * or deletes a user, its Identity Center id is denied in a bridge-owned SCP attached to the
 * organisation's root; when it comes back, the Deny goes; the operator's own SCPs are left alone.
 */
@QuarkusTest
@ExtendWith(EmulatorCredentials.class)
@TestProfile(SessionRevocationProfile.class)
class SessionRevocationScenarioTest extends ForwarderScenario {

    private static final String OPERATOR = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}";

    private OrganizationPolicies policies;
    private String root;

    @BeforeEach
    void anOrganisationWithServiceControlPolicies() {
        policies = aws.organizations().policies();
        root = aws.organizations().rootId();
    }

    @Test
    void azureAdDisablesAUserAndItsSessionsAreDeniedOrganisationWide() {
        IdpConnection azure = IdpConnection.azure();
        String id = azure.createUser(UserBody.azure("ada@example.com"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("ada@example.com").id();

        azure.patchUser(id, PatchBody.azure().deactivate());

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedAtTheRoot()));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/session-revocations").then().statusCode(200)
                .body("mode", equalTo("scp"))
                .body("revocations[0].icUserId", equalTo(icId))
                .body("revocations[0].resourceId", equalTo(id))
                .body("revocations[0].reason", equalTo("deactivated"))
                .body("revocations[0].policy", equalTo("scim-bridge-session-revocation-1"))
                .body("revocations[0].inForceAt", notNullValue())
                .body("revocations[0].until", notNullValue());
    }

    @Test
    void oktaDeactivatesAUser() {
        IdpConnection okta = IdpConnection.okta();
        String id = okta.createUser(UserBody.okta("grace@okta.example"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("grace@okta.example").id();

        okta.patchUser(id, PatchBody.okta().deactivate());

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedAtTheRoot()));
    }

    @Test
    void aDeletedUserIsDeniedUnderTheIdItHad() {
        IdpConnection azure = IdpConnection.azure();
        String id = azure.createUser(UserBody.azure("linus@example.com"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("linus@example.com").id();

        azure.deleteUser(id);

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedAtTheRoot()));
        assertTrue(identityCenter.userByUserName("linus@example.com").isEmpty());
    }

    @Test
    void aLeaverComesBackAndTheOperatorsOwnPolicyIsLeftAlone() {
        OrganizationPolicies.Policy own = policies.seedPolicy("deny-ec2", OPERATOR, root);
        IdpConnection okta = IdpConnection.okta();
        String id = okta.createUser(UserBody.okta("barbara@okta.example"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("barbara@okta.example").id();
        okta.patchUser(id, PatchBody.okta().deactivate());
        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedAtTheRoot()));

        okta.putUser(id, UserBody.of(okta.getUser(id)).active(true));

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(Set.of(), deniedAtTheRoot());
            assertTrue(policies.policies().stream().noneMatch(p -> ScpPacking.bridgeOwned(p.name())),
                    "the emptied bridge policy is deleted");
        });
        assertEquals(List.of("FullAWSAccess", "deny-ec2"), policies.attachedTo(root).stream()
                .map(OrganizationPolicies.Policy::name).toList());
        assertEquals(OPERATOR, policies.byName(own.name()).orElseThrow().content());
    }

    @Test
    void throttledOrganizationsStillGetsTheDenyInForce() {
        IdpConnection azure = IdpConnection.azure();
        String id = azure.createUser(UserBody.azure("alan@example.com"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("alan@example.com").id();
        aws.organizations().faults().throttleNext(8, Duration.ZERO);

        azure.patchUser(id, PatchBody.azure().deactivate());

        eventually(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(Set.of(icId), deniedAtTheRoot()));
        assertTrue(aws.organizations().requestLog().entries().stream().anyMatch(r -> r.status() == 400
                && r.reason() != null && r.reason().startsWith("TooManyRequestsException")), "throttled on the way");
    }

    @Test
    void aPolicyDetachedByHandIsAttachedAgain() {
        IdpConnection azure = IdpConnection.azure();
        String id = azure.createUser(UserBody.azure("edsger@example.com"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("edsger@example.com").id();
        azure.patchUser(id, PatchBody.azure().deactivate());
        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedAtTheRoot()));
        String policyId = policies.byName("scim-bridge-session-revocation-1").orElseThrow().id();

        SdkClients.organizations(aws.organizations().url()).detachPolicy(r -> r.policyId(policyId).targetId(root));
        assertEquals(Set.of(), deniedAtTheRoot());

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedAtTheRoot()));
    }

    /** The ids the bridge's SCPs attached to the root deny. */
    private Set<String> deniedAtTheRoot() {
        Set<String> ids = new TreeSet<>();
        policies.attachedTo(root).stream().filter(p -> ScpPacking.bridgeOwned(p.name()))
                .forEach(p -> ids.addAll(DenyPolicy.ids(p.content())));
        return ids;
    }
}
