package io.scimbridge.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesFromTheFirstUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), false);
        assertEquals(Duration.ofSeconds(1), backoff.after(1));
        assertEquals(Duration.ofSeconds(2), backoff.after(2));
        assertEquals(Duration.ofSeconds(16), backoff.after(5));
        assertEquals(Duration.ofSeconds(30), backoff.after(6));
        assertEquals(Duration.ofSeconds(30), backoff.after(Integer.MAX_VALUE), "no overflow after many failures");
        assertEquals(Duration.ofSeconds(1), backoff.after(0), "no failure yet counts as the first");
    }

    @Test
    void withJitterAWaitIsBetweenHalfAndAllOfIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), true);
        for (int i = 0; i < 200; i++) {
            Duration wait = backoff.after(3);
            assertTrue(wait.compareTo(Duration.ofMillis(200)) >= 0 && wait.compareTo(Duration.ofMillis(400)) <= 0,
                    wait.toString());
        }
    }

    @Test
    void aMaximumBelowTheFirstWaitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), false));
    }
}
