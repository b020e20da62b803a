package io.scimbridge.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limit as docs/safety-rails.md explains the defaults: a leaver day passes, half the company trips. */
class GuardConfigTest {

    private static GuardConfig config(int absolute, int percent) {
        return new GuardConfig() {
            @Override
            public int maxDeprovisions() {
                return absolute;
            }

            @Override
            public int maxPercent() {
                return percent;
            }

            @Override
            public Duration window() {
                return Duration.ofHours(1);
            }
        };
    }

    @Test
    void theDefaultsLetFiveLeaversThroughAtAnySizeAndTripOnHalfTheCompany() {
        GuardConfig defaults = config(20, 10);
        for (long managed : new long[] {10, 42, 105, 1_000, 10_000, 100_000}) {
            assertTrue(5 <= defaults.limit(managed), "5 leavers pass with " + managed + " managed");
            if (managed >= 42) {
                assertTrue(managed / 2 > defaults.limit(managed), "half of " + managed + " trips");
            }
        }
        assertEquals(20, defaults.limit(105));
        assertEquals(1_000, defaults.limit(10_000));
    }

    @Test
    void zeroSwitchesEachLimitOffAndBothTheGuard() {
        assertEquals(30, config(0, 10).limit(300), "the percentage alone");
        assertEquals(20, config(20, 0).limit(10_000), "the count alone");
        assertTrue(config(0, 10).enabled());
        assertFalse(config(0, 0).enabled());
    }
}
