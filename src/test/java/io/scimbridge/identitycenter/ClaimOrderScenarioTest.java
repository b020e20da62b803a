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
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.ManualDeliveryProfile;

/**
 * A group that keeps waiting for its members is postponed again and again; the members it waits
 * for were marked after it. The queue must hand out the longest-due mark first, or the group is
 * claimed every time and its members starve (seen once in the benchmark: 1,648 users never
 * claimed while 100 groups spun).
 */
@QuarkusTest
@TestProfile(ManualDeliveryProfile.class)
class ClaimOrderScenarioTest extends ForwarderScenario {

    @Inject
    DirtyMarks marks;

    @Inject
    OutboxQueue queue;

    @Test
    void aPostponedGroupDoesNotStarveTheMembersItWaitsFor() {
        QuarkusTransaction.requiringNew().run(() -> marks.mark("group-1", ResourceType.GROUP, "azure"));
        QuarkusTransaction.requiringNew().run(() -> marks.mark("user-1", ResourceType.USER, "azure"));

        List<OutboxQueue.Claim> first = queue.claim(1);
        assertEquals("group-1", first.get(0).resourceId(), "first marked, first due");
        queue.postpone(first.get(0), Duration.ZERO, "waiting for members to reach Identity Center");

        List<OutboxQueue.Claim> next = queue.claim(1);
        assertEquals("user-1", next.get(0).resourceId(), "the member due longer comes before the postponed group");
    }
}
