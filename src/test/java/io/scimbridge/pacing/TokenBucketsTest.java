package io.scimbridge.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Peeking takes nothing, and addresses from the network cannot grow the map without bound. */
class TokenBucketsTest {

    @Test
    void waitForPeeksWithoutTakingAToken() {
        long[] now = {0};
        TokenBuckets buckets = new TokenBuckets(1, 2, () -> now[0], 100);
        assertEquals(0, buckets.waitFor("a"));
        assertEquals(0, buckets.waitFor("a"));
        assertEquals(0, buckets.acquire("a"));
        assertEquals(0, buckets.acquire("a"));
        assertEquals(1, buckets.waitFor("a"));
        assertEquals(1, buckets.acquire("a"));
        now[0] += 1_000_000_000L;
        assertEquals(0, buckets.waitFor("a"));
    }

    @Test
    void aFloodOfNewKeysKeepsTheMapBounded() {
        long[] now = {0};
        TokenBuckets buckets = new TokenBuckets(1, 5, () -> now[0], 1_000);
        for (int i = 0; i < 50_000; i++) {
            buckets.acquire("198.51." + (i / 256) + "." + (i % 256));
        }
        assertTrue(buckets.size() <= 1_001, "tracked: " + buckets.size());
    }
}
