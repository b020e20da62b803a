package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.outbox.DirtyMarks;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.scim.ResourceType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.ManualDeliveryProfile;

/**
 * Marks that failed during an Identity Center outage back off (minutes, after a few failures);
 * once Identity Center answers again they are due at once, while a 429 never grows the back-off
 * at all. Delivery is staged by hand, so only the queue decides.
 */
@QuarkusTest
@TestProfile(ManualDeliveryProfile.class)
@Tag("postgresql")
class BackedOffAfterOutageScenarioTest extends ForwarderScenario {

    @Inject
    DirtyMarks marks;

    @Inject
    OutboxQueue queue;

    @Test
    void changesThatBackedOffDuringAnOutageAreDueWhenIdentityCenterAnswersAgain() {
        QuarkusTransaction.requiringNew().run(() -> marks.mark("failed-in-outage", ResourceType.USER, "azure"));
        QuarkusTransaction.requiringNew().run(() -> marks.mark("throttled", ResourceType.USER, "azure"));
        QuarkusTransaction.requiringNew().run(() -> marks.mark("group-waiting", ResourceType.GROUP, "azure"));

        List<OutboxQueue.Claim> claimed = queue.claim(3);
        queue.fail(claimed.get(0), "POST /Users: no answer", Duration.ofMinutes(4), false);
        queue.retryLater(claimed.get(1), "429", Duration.ofMinutes(4));
        queue.postpone(claimed.get(2), Duration.ofMinutes(4), "waiting for members to reach Identity Center");
        assertEquals(List.of(), queue.claim(3), "all three wait");

        assertEquals(1, queue.retryBackedOffNow(), "only the change that failed: a 429 and a wait are not failures");
        List<OutboxQueue.Claim> due = queue.claim(3);
        assertEquals(List.of("failed-in-outage"), due.stream().map(OutboxQueue.Claim::resourceId).toList());
        assertEquals(1, due.get(0).attempts(), "its failed attempt is still counted");
    }
}
