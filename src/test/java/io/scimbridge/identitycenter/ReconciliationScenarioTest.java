package io.scimbridge.identitycenter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * Someone changes Identity Center directly in the AWS console; the next reconciliation (read
 * through the Identity Store API with the real AWS SDK) finds the drift and delivery repairs it.
 */
@QuarkusTest
@TestProfile(EmulatedIdentityCenterProfile.class)
class ReconciliationScenarioTest extends ForwarderScenario {

    private String previousKey;
    private String previousSecret;

    /** The SDK's default credential chain reads these system properties; the emulator takes any. */
    @BeforeEach
    void awsCredentials() {
        previousKey = System.setProperty("aws.accessKeyId", "test");
        previousSecret = System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void restoreCredentials() {
        restore("aws.accessKeyId", previousKey);
        restore("aws.secretAccessKey", previousSecret);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void driftMadeInTheAwsConsoleIsRepairedByReconciliation() {
        IdpConnection azure = IdpConnection.azure();
        String alice = azure.createUser(UserBody.azure("alice@contoso.com").name("Alice", "Archer").workEmail());
        String bob = azure.createUser(UserBody.azure("bob@contoso.com").name("Bob", "Baker").workEmail());
        String team = azure.createGroup(GroupBody.azure("Team"));
        azure.patchGroup(team, PatchBody.azure().addMembers(alice, bob));
        awaitIdentityCenterMirrorsBridge();

        // In the AWS console: Bob deleted, Alice renamed, Alice removed from Team.
        String bobIcId = icUser("bob@contoso.com").id();
        String aliceIcId = icUser("alice@contoso.com").id();
        String teamIcId = identityCenter.groupByDisplayName("Team").orElseThrow().id();
        identityCenter.state().deleteUser(bobIcId);
        ObjectNode renamed = icUser("alice@contoso.com").attributes().deepCopy();
        renamed.put("displayName", "Someone Else");
        identityCenter.state().updateUser(aliceIcId, renamed);
        identityCenter.state().removeMember(teamIcId, aliceIcId);
        assertFalse(groupsInIdentityCenter().get("Team").contains("alice@contoso.com"));

        given().header("Authorization", "Bearer " + TestTokens.admin())
                .when().post("/admin/reconcile")
                .then().statusCode(200)
                .body("outcome", equalTo("completed"))
                .body("usersRecreated", equalTo(1))
                .body("usersRepaired", equalTo(1))
                .body("membershipsRepaired", greaterThanOrEqualTo(1));

        awaitIdentityCenterMirrorsBridge();
        assertEquals("Alice Archer", icUser("alice@contoso.com").attributes().path("displayName").asText());
        assertEquals(Set.of("alice@contoso.com", "bob@contoso.com"), groupsInIdentityCenter().get("Team"));
    }
}
