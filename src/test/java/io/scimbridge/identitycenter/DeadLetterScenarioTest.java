package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * A change Identity Center refuses whatever the number of attempts: after max-attempts it is a
 * dead letter carrying AWS's reason, and it blocks nobody else. The refusal here is real drift:
 * the user's manager was deleted directly in AWS, so every PUT naming it is a 400.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class DeadLetterScenarioTest extends ForwarderScenario {

    IdpConnection azure;

    @BeforeEach
    void connect() {
        azure = IdpConnection.azure();
    }

    @Test
    void aChangeIdentityCenterKeepsRefusingEndsAsADeadLetterWithAwsReason() {
        String manager = azure.createUser(UserBody.azure("boss@contoso.com").name("Big", "Boss").workEmail());
        String report = azure.createUser(UserBody.azure("report@contoso.com").name("Re", "Port").workEmail().manager(manager));
        awaitIdentityCenterMirrorsBridge();
        identityCenter.state().deleteUser(icUser("boss@contoso.com").id()); // deleted in the AWS console

        azure.patchUser(report, PatchBody.azure().replace("title", "Orphan"));
        String bystander = azure.createUser(UserBody.azure("bystander@contoso.com").workEmail());

        eventually().until(() -> !bridge.deadLetters().isEmpty());
        OutboxQueue.Entry dead = bridge.deadLetters().getFirst();
        assertEquals(report, dead.resourceId());
        assertEquals(3, dead.attempts(), "max-attempts of the profile");
        assertTrue(dead.lastError().contains("400") && dead.lastError().contains("violates schema"),
                "AWS's reason is kept: " + dead.lastError());
        List<RecordedRequest> refused = refusedRequests();
        assertEquals(3, refused.size(), "one refusal per attempt, then no more: " + refused);
        assertTrue(refused.stream().allMatch(r -> r.reason().contains("is not a user of this identity store")));
        eventually().until(() -> identityCenter.userByUserName("bystander@contoso.com").isPresent());
        assertEquals(0, bridge.queue().depth(), "the dead letter blocks no other resource (" + bystander + ")");
    }

    @Test
    void aGroupWhoseMemberWasADeadLetterGetsItOnceTheMemberIsDelivered() {
        String manager = azure.createUser(UserBody.azure("boss@contoso.com").name("Big", "Boss").workEmail());
        awaitIdentityCenterMirrorsBridge();
        identityCenter.state().deleteUser(icUser("boss@contoso.com").id()); // deleted in the AWS console
        String stuck = azure.createUser(UserBody.azure("stuck@contoso.com").name("Stu", "Ck").workEmail().manager(manager));
        String fine = azure.createUser(UserBody.azure("fine@contoso.com").name("Fi", "Ne").workEmail());
        String team = azure.createGroup(GroupBody.azure("Team"));
        azure.patchGroup(team, PatchBody.azure().addMembers(stuck, fine));
        eventually().until(() -> bridge.deadLetters().size() == 1 && bridge.queue().depth() == 0);
        assertEquals(Set.of("fine@contoso.com"), groupsInIdentityCenter().get("Team"));

        // the IdP drops the manager: the dead letter gets a new chance and is delivered
        azure.patchUser(stuck, PatchBody.azure().remove("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"));
        eventually().until(() -> identityCenter.userByUserName("stuck@contoso.com").isPresent());
        eventually().untilAsserted(() -> assertEquals(Set.of("fine@contoso.com", "stuck@contoso.com"),
                groupsInIdentityCenter().get("Team"), "the membership that waited for the member"));
    }
}
