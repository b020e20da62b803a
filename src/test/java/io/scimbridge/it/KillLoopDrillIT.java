package io.scimbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 loop, small enough for every {@code ./mvnw verify}: an Azure-AD-like IdP (retrying
 * what got no answer) syncs 300 users and 12 groups whose members change (some added and removed
 * again), while the bridge is killed 5 times at seeded random moments and restarted on the same
 * data. Once the queue is empty, Identity Center must hold exactly what the IdP was told: the same
 * users with the same attributes, the same groups with the same members (group -> member
 * userNames), nothing the IdP deleted, nothing created twice, and SQLite's integrity_check of the
 * store is "ok". Correctness only, never timings.
 * The seed is printed; {@code -Ddrill.seed=N} replays the kill moments and the workload. The full
 * size is {@link FaultDrillsBenchIT}.
 */
class KillLoopDrillIT {

    /** Kept when the drill fails: the bridge's logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void anIdpSyncThroughFiveKillsLeavesIdentityCenterExactlyAsTheIdpSaid() throws Exception {
        long seed = Long.getLong("drill.seed", System.nanoTime());
        System.out.println("KillLoopDrillIT seed " + seed + " (replay with -Ddrill.seed=" + seed + ")");
        DrillResult result = new FaultDrills(work, Duration.ofMinutes(5)).killLoop(300, 5, seed);
        System.out.println(result.line());

        assertEquals(5, result.details().get("kills"), "seed " + seed + ": kills");
        assertEquals(0, result.mismatches(), "seed " + seed + ": " + result.convergence().summary());
        assertEquals(0, result.duplicates(), "seed " + seed + ": " + result.convergence().summary());
        assertEquals(0, result.deadLetters(), "seed " + seed + ": dead letters");
        assertEquals("ok", result.details().get("integrity"), "seed " + seed + ": PRAGMA integrity_check of the store");
    }
}
