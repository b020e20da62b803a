package io.scimbridge.guard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.EmulatorCredentials;
import io.scimbridge.identitycenter.emulator.UserSeed;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;

/**
 * Identity Center holds more than the bridge made: a user created in the AWS console and Control
 * Tower's admin group, with a bridge user in it and the console user in a bridge group. Delivery
 * and reconciliation never modify or delete them; reconciliation lists them.
 */
@QuarkusTest
@ExtendWith(EmulatorCredentials.class)
@TestProfile(GuardProfile.class)
class UnmanagedResourcesScenarioTest extends SafetyRailsScenario {

    @Test
    void aConsoleMadeUserAndAControlTowerGroupSurviveReconciliation() {
        String alice = azure.createUser(UserBody.azure("alice@contoso.com").name("Alice", "Archer").workEmail());
        String bob = azure.createUser(UserBody.azure("bob@contoso.com").name("Bob", "Baker").workEmail());
        String developers = azure.createGroup(GroupBody.azure("aws-developers").members(alice));
        deliverWhatIsDue();

        String consoleUser = identityCenter.seedUser(UserSeed.of("console.admin@contoso.com")).id();
        String controlTower = identityCenter.state().insertGroup("AWSControlTowerAdmins", null).id();
        String aliceIcId = icUser("alice@contoso.com").id();
        String developersIcId = identityCenter.groupByDisplayName("aws-developers").orElseThrow().id();
        identityCenter.state().addMember(controlTower, aliceIcId);
        identityCenter.state().addMember(controlTower, consoleUser);
        identityCenter.state().addMember(developersIcId, consoleUser);
        var consoleUserBefore = identityCenter.user(consoleUser).orElseThrow().attributes().deepCopy();

        reconcile();
        // the IdP moves on: Bob joins the developers, Alice leaves them
        azure.patchGroup(developers, PatchBody.azure().addMembers(bob).removeMembers(alice));
        deliverWhatIsDue();
        reconcile();
        deliverWhatIsDue();

        assertEquals(consoleUserBefore, identityCenter.user(consoleUser).orElseThrow().attributes(), "console user untouched");
        assertEquals(Set.of("alice@contoso.com", "console.admin@contoso.com"), memberNames(controlTower),
                "Control Tower's group untouched");
        assertEquals(Set.of("bob@contoso.com", "console.admin@contoso.com"), memberNames(developersIcId),
                "the bridge changes only the members it added");
        assertTrue(identityCenter.requestLog().entries().stream()
                .noneMatch(r -> r.path().contains(consoleUser) || r.path().contains(controlTower)),
                "no call ever named the console user or Control Tower's group");

        given().auth().oauth2(TestTokens.admin()).get("/admin/unmanaged").then().statusCode(200)
                .body("users.name", contains("console.admin@contoso.com"))
                .body("groups.name", contains("AWSControlTowerAdmins"))
                .body("groups[0].id", is(controlTower));
    }

    private void reconcile() {
        given().auth().oauth2(TestTokens.admin()).post("/admin/reconcile").then().statusCode(200)
                .body("outcome", is("completed"));
    }

    private Set<String> memberNames(String groupIcId) {
        List<String> members = identityCenter.members(groupIcId);
        return members.stream().map(m -> identityCenter.user(m).orElseThrow().userName()).collect(Collectors.toSet());
    }
}
