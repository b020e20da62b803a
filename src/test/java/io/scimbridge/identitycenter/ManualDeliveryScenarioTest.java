package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.delivery.Delivery;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Delivery staged step by step, with the delivery loop stopped: the test claims the dirty marks
 * and runs each delivery itself. This makes coalescing countable and lets a crash be placed
 * exactly between "Identity Center answered" and "dirty mark cleared".
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(ManualDeliveryProfile.class)
class ManualDeliveryScenarioTest extends ForwarderScenario {

    @Inject
    OutboxQueue queue;

    @Inject
    Delivery delivery;

    @Inject
    ShadowStore shadows;

    IdpConnection azure;

    @BeforeEach
    void connect() {
        azure = IdpConnection.azure();
    }

    @Test
    void twentyPatchesBeforeDeliveryCoalesceIntoOneCall() {
        String user = azure.createUser(UserBody.azure("busy@contoso.com").name("Busy", "Bee").workEmail());
        for (int i = 1; i <= 20; i++) {
            azure.patchUser(user, PatchBody.azure().replace("title", "Title " + i));
        }
        deliverEverything();
        assertEquals(Map.of("CreateUser", 1L), identityCenter.operationCounts(), "one create carries all 21 writes");
        assertEquals("Title 20", icUser("busy@contoso.com").attributes().path("title").asText());

        identityCenter.requestLog().clear();
        for (int i = 21; i <= 40; i++) {
            azure.patchUser(user, PatchBody.azure().replace("title", "Title " + i));
        }
        deliverEverything();
        assertEquals(Map.of("PutUser", 1L), identityCenter.operationCounts(), "20 PATCHes, one PUT");
        assertEquals("Title 40", icUser("busy@contoso.com").attributes().path("title").asText());
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void memberChangesCoalesceIntoFullChunks() {
        List<String> users = IntStream.range(0, 150)
                .mapToObj(i -> azure.createUser(UserBody.azure("m" + i + "@contoso.com").workEmail())).toList();
        String group = azure.createGroup(GroupBody.azure("Coalesced"));
        for (int i = 0; i < 150; i += 10) {
            azure.patchGroup(group, PatchBody.azure().addMembers(users.subList(i, i + 10)));
        }
        azure.patchGroup(group, PatchBody.azure().removeMembers(users.get(0), users.get(1)));
        deliverEverything();
        assertEquals(Map.of("CreateUser", 150L, "CreateGroup", 1L, "PatchGroup", 2L), identityCenter.operationCounts(),
                "16 member PATCHes from the IdP, 148 members: two chunks");
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aReportDeliveredBeforeItsManagerGetsTheManagerOnceTheManagerIsThere() {
        String report = azure.createUser(UserBody.azure("early@contoso.com").name("Early", "Report").workEmail());
        String manager = azure.createUser(UserBody.azure("late.boss@contoso.com").name("Late", "Boss").workEmail());
        azure.patchUser(report, PatchBody.azure().replace(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", manager));

        // oldest mark first: the report reaches Identity Center before its manager
        deliverOne(report);
        assertEquals(Optional.empty(), icUser("early@contoso.com").managerId(), "no manager in Identity Center yet");
        deliverOne(manager);
        deliverOne(report);
        assertEquals(Optional.of(icUser("late.boss@contoso.com").id()), icUser("early@contoso.com").managerId());
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aCrashAfterIdentityCenterAnsweredButBeforeTheMarkWasClearedRedeliversNothingTwice() {
        azure.createUser(UserBody.azure("crash@contoso.com").name("Cr", "Ash").workEmail());
        OutboxQueue.Claim claim = claimOne();
        assertEquals(List.of(), queue.claim(1), "leased: no second replica delivers it meanwhile");
        delivery.deliver(claim); // Identity Center created the user, the shadow says so ...
        // ... and the process died before complete(): the mark and its lease stay behind

        OutboxQueue.Claim again = awaitClaimAfterLease();
        assertEquals(claim.resourceId(), again.resourceId());
        delivery.deliver(again);
        queue.complete(again);
        assertEquals(Map.of("CreateUser", 1L), identityCenter.operationCounts(), "the shadow made the retry a no-op");
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void aCrashBeforeTheShadowWasWrittenAdoptsWhatIdentityCenterAlreadyCreated() {
        String user = azure.createUser(UserBody.azure("lost@contoso.com").name("Lo", "St").workEmail());
        List<String> members = IntStream.range(0, 150)
                .mapToObj(i -> azure.createUser(UserBody.azure("crew" + i + "@contoso.com").workEmail())).toList();
        String group = azure.createGroup(GroupBody.azure("Crew").members(members));
        deliverEverything();
        // Identity Center answered every call, but the process died before anything was recorded
        shadows.delete(user);
        shadows.removeMembers(group, members);
        shadows.delete(group);
        azure.patchUser(user, PatchBody.azure().replace("title", "After the crash"));
        azure.patchGroup(group, PatchBody.azure().replace("displayName", "Crew"));
        identityCenter.requestLog().clear();

        deliverEverything();
        assertEquals(151, identityCenter.users().size(), "nothing duplicated");
        assertEquals(1, identityCenter.groups().size());
        assertEquals(150, identityCenter.members(identityCenter.groups().getFirst().id()).size());
        assertTrue(identityCenter.requestLog().entries("CreateUser").stream().allMatch(r -> r.status() == 409));
        assertTrue(identityCenter.requestLog().entries("CreateGroup").stream().allMatch(r -> r.status() == 409));
        assertEquals("After the crash", icUser("lost@contoso.com").attributes().path("title").asText());
        awaitIdentityCenterMirrorsBridge();
    }

    /** What the delivery loop does, one claim at a time, until no dirty mark is left. */
    private void deliverEverything() {
        for (int round = 0; round < 10_000 && queue.status().depth() > 0; round++) {
            for (OutboxQueue.Claim claim : queue.claim(10)) {
                finish(claim, delivery.deliver(claim));
            }
        }
        assertEquals(0, queue.status().depth(), "everything delivered");
    }

    /** Claims and delivers the oldest mark, which must be this resource's. */
    private void deliverOne(String resourceId) {
        OutboxQueue.Claim claim = claimOne();
        assertEquals(resourceId, claim.resourceId(), "the oldest dirty mark");
        finish(claim, delivery.deliver(claim));
    }

    private void finish(OutboxQueue.Claim claim, Delivery.Outcome outcome) {
        if (outcome == Delivery.Outcome.WAITING) {
            queue.postpone(claim, Duration.ZERO, "waiting");
        } else {
            queue.complete(claim);
        }
    }

    private OutboxQueue.Claim claimOne() {
        List<OutboxQueue.Claim> claims = queue.claim(1);
        assertEquals(1, claims.size(), "one dirty mark due");
        return claims.getFirst();
    }

    /** The crashed replica's lease (2 s in this profile) runs out; then the mark can be claimed again. */
    private OutboxQueue.Claim awaitClaimAfterLease() {
        OutboxQueue.Claim[] claimed = new OutboxQueue.Claim[1];
        eventually(Duration.ofSeconds(10)).until(() -> {
            List<OutboxQueue.Claim> claims = queue.claim(1);
            claimed[0] = claims.isEmpty() ? null : claims.getFirst();
            return claimed[0] != null;
        });
        return claimed[0];
    }
}
