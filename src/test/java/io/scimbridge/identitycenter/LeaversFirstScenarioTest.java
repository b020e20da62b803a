package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.ManualDeliveryProfile;

/**
 * A leaver must lose access in seconds even while thousands of other changes wait (an initial
 * sync, a rules reload). Changes that take access away are served before every other waiting
 * change, whatever was marked first; among themselves and among the rest the longest due stays
 * first. Delivery is staged by hand (ManualDeliveryProfile), so the order is the queue's alone.
 */
@QuarkusTest
@TestProfile(ManualDeliveryProfile.class)
@Tag("postgresql")
class LeaversFirstScenarioTest extends ForwarderScenario {

    @Inject
    OutboxQueue queue;

    private final IdpConnection azure = IdpConnection.azure();

    @Test
    void azureAdDisablesDeletesAndRemovesLeaversWhileAnOnboardingBacklogWaits() {
        String stays = azure.createUser(UserBody.azure("stays@example.com"));
        String disabled = azure.createUser(UserBody.azure("disabled@example.com"));
        String deleted = azure.createUser(UserBody.azure("deleted@example.com"));
        String team = azure.createGroup(GroupBody.azure("team").members(List.of(stays)));
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            backlog.add(azure.createUser(UserBody.azure("newcomer" + i + "@example.com")));
        }

        // the leavers' changes come last...
        azure.patchUser(disabled, PatchBody.azure().deactivate());
        azure.deleteUser(deleted);
        azure.patchGroup(team, PatchBody.azure().removeMembers(stays));
        // ...and a profile change of a leaver-to-be is not a revocation
        azure.patchUser(stays, PatchBody.azure().replace("displayName", "Still Here"));

        List<OutboxQueue.Claim> first = queue.claim(3);
        assertEquals(Set.of(disabled, deleted, team), first.stream().map(OutboxQueue.Claim::resourceId).collect(Collectors.toSet()),
                "the deactivation, the deletion and the member removal come before the backlog");
        List<OutboxQueue.Claim> next = queue.claim(1);
        assertEquals(stays, next.get(0).resourceId(), "then the longest due of the rest, as before");
    }
}
