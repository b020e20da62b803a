package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.KillingIdentityCenterClient.Killed;
import io.scimbridge.identitycenter.KillingIdentityCenterClient.Moment;
import io.scimbridge.identitycenter.client.HttpIdentityCenterClient;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.client.IdentityCenterException;
import io.scimbridge.pacing.Pacer;
import io.scimbridge.identitycenter.delivery.Delivery;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.ManualDeliveryProfile;

/**
 * The kill loop's findings, each staged at exactly the bad moment: Identity
 * Center answered a call, and the process died before the shadow recorded the answer. Then the
 * IdP changes its mind, a fresh delivery runs (after the dead process's lease ran out), and
 * Identity Center must end up exactly as the IdP said: nothing the IdP removed or deleted is left.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(ManualDeliveryProfile.class)
class KilledBeforeTheShadowWriteScenarioTest extends ForwarderScenario {

    @Inject
    OutboxQueue queue;

    @Inject
    Delivery delivery;

    @Inject
    ShadowStore shadows;

    IdpConnection azure;
    KillingIdentityCenterClient client;

    @BeforeEach
    void connect() {
        azure = IdpConnection.azure();
        client = new KillingIdentityCenterClient(new HttpIdentityCenterClient(identityCenter.url(), identityCenter::token,
                Duration.ofSeconds(5), new Pacer(0, Clock.systemUTC()), new SimpleMeterRegistry(), Clock.systemUTC()));
        QuarkusMock.installMockForType(client, IdentityCenterClient.class);
    }

    @Test
    void membersAddedThenRemovedByTheIdpAfterAKillAreRemoved() {
        List<String> crew = users("crew", 13);
        deliverEverything();
        String group = azure.createGroup(GroupBody.azure("Crew").members(crew));

        client.killAfter(Moment.ADD_MEMBERS); // the PATCH adding 13 members answered 204, then kill
        deliverUntilKilled();
        azure.patchGroup(group, PatchBody.azure().removeMembers(crew.get(0), crew.get(1)));
        deliverEverything();

        assertEquals(userNames("crew", 2, 13), groupsInIdentityCenter().get("Crew"));
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void membersRemovedThenAddedAgainByTheIdpAfterAKillAreThere() {
        List<String> crew = users("deck", 5);
        String group = azure.createGroup(GroupBody.azure("Deck").members(crew));
        deliverEverything();
        azure.patchGroup(group, PatchBody.azure().removeMembers(crew.get(0), crew.get(1)));

        client.killAfter(Moment.REMOVE_MEMBERS);
        deliverUntilKilled();
        azure.patchGroup(group, PatchBody.azure().addMembers(crew.get(0), crew.get(1)));
        deliverEverything();

        assertEquals(userNames("deck", 0, 5), groupsInIdentityCenter().get("Deck"));
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aUserCreatedThenDeletedByTheIdpAfterAKillIsDeleted() {
        String user = azure.createUser(UserBody.azure("ghost@contoso.com").name("Gh", "Ost").workEmail());

        client.killAfter(Moment.CREATE_USER);
        deliverUntilKilled();
        assertEquals(1, identityCenter.users().size(), "Identity Center created it");
        azure.deleteUser(user);
        deliverEverything();

        assertEquals(List.of(), identityCenter.users(), "the user the IdP deleted");
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aUserCreatedThenRenamedByTheIdpAfterAKillIsAdoptedNotCreatedTwice() {
        String user = azure.createUser(UserBody.azure("before@contoso.com").name("Re", "Named").workEmail());

        client.killAfter(Moment.CREATE_USER);
        deliverUntilKilled();
        azure.patchUser(user, PatchBody.azure().replace("userName", "after@contoso.com"));
        deliverEverything();

        assertEquals(Set.of("after@contoso.com"), usersInIdentityCenter().keySet());
        assertEquals(Map.of("before@contoso.com", 1L), identityCenter.creations("CreateUser"),
                "one create: the second delivery found the first one's user by its name");
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aChangeUndoneByTheIdpAfterAKillIsUndoneInIdentityCenter() {
        String user = azure.createUser(UserBody.azure("moody@contoso.com").name("Mo", "Ody").workEmail());
        azure.patchUser(user, PatchBody.azure().replace("title", "Before"));
        deliverEverything();
        azure.patchUser(user, PatchBody.azure().replace("title", "Changed"));

        client.killAfter(Moment.REPLACE_USER);
        deliverUntilKilled();
        assertEquals("Changed", icUser("moody@contoso.com").attributes().path("title").asText());
        azure.patchUser(user, PatchBody.azure().replace("title", "Before"));
        deliverEverything();

        assertEquals("Before", icUser("moody@contoso.com").attributes().path("title").asText());
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aGroupCreatedThenDeletedByTheIdpAfterAKillIsDeleted() {
        String group = azure.createGroup(GroupBody.azure("Short-lived"));

        client.killAfter(Moment.CREATE_GROUP);
        deliverUntilKilled();
        assertEquals(1, identityCenter.groups().size(), "Identity Center created it");
        azure.deleteGroup(group);
        deliverEverything();

        assertEquals(List.of(), identityCenter.groups(), "the group the IdP deleted");
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aNotFoundForAnUnknownMemberDoesNotForgetAGroupThatExists() {
        String gone = azure.createUser(UserBody.azure("gone@contoso.com").name("Go", "Ne").workEmail());
        String stays = azure.createUser(UserBody.azure("stays@contoso.com").name("St", "Ays").workEmail());
        String group = azure.createGroup(GroupBody.azure("Kept").members(stays));
        deliverEverything();
        identityCenter.state().deleteUser(icUser("gone@contoso.com").id()); // in the AWS console
        identityCenter.state().unknownMemberNotFound(true);
        azure.patchGroup(group, PatchBody.azure().addMembers(gone));
        identityCenter.requestLog().clear();

        OutboxQueue.Claim claim = queue.claim(1).getFirst();
        IdentityCenterException refused = assertThrows(IdentityCenterException.class, () -> delivery.deliver(claim));

        assertTrue(refused.getMessage().contains("a member is unknown there"), refused.getMessage());
        assertTrue(!refused.permanent(), "retried: reconciliation or the user's next delivery repairs the member");
        assertTrue(shadows.find(group).isPresent(), "the shadow still knows the group");
        assertEquals(Set.of(stays), shadows.confirmedMembers(group), "and its members");
        assertEquals(Set.of(stays, gone), shadows.members(group), "the refused add stays in flight: sent again next time");
        assertEquals(Map.of("PatchGroup", 1L, "GetGroup", 1L), identityCenter.operationCounts(),
                "a read told the unknown member from a missing group; nothing was created again");
    }

    // ----

    private List<String> users(String prefix, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> azure.createUser(UserBody.azure(prefix + i + "@contoso.com").workEmail())).toList();
    }

    private static Set<String> userNames(String prefix, int from, int to) {
        Set<String> names = new TreeSet<>();
        IntStream.range(from, to).forEach(i -> names.add(prefix + i + "@contoso.com"));
        return names;
    }

    /** Delivers until the armed kill fires; the claims of the "dead" process stay leased. */
    private void deliverUntilKilled() {
        for (int round = 0; round < 100 && !client.fired(); round++) {
            for (OutboxQueue.Claim claim : queue.claim(1)) {
                try {
                    finish(claim, delivery.deliver(claim));
                } catch (Killed killed) {
                    return;
                }
            }
        }
        throw new AssertionError("the armed kill never fired");
    }

    /**
     * The restarted process: delivers until no dirty mark is left, taking over the dead process's
     * claims once their lease (2 s in this profile) runs out.
     */
    private void deliverEverything() {
        eventually(Duration.ofSeconds(30)).until(() -> {
            for (OutboxQueue.Claim claim : queue.claim(10)) {
                finish(claim, delivery.deliver(claim));
            }
            return queue.status().depth() == 0;
        });
    }

    private void finish(OutboxQueue.Claim claim, Delivery.Outcome outcome) {
        if (outcome == Delivery.Outcome.WAITING) {
            queue.postpone(claim, Duration.ZERO, "waiting");
        } else {
            queue.complete(claim);
        }
    }
}
