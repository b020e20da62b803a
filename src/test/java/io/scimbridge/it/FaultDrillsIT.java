package io.scimbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke of the fault drills (the full set, at documented sizes, is {@link FaultDrillsBenchIT}):
 * a small IdP sync while Identity Center answers 429, then 503, then drops connections, then
 * recovers. Asserts correctness only, never timings: nothing the IdP had accepted is lost, nothing
 * is created twice. The seed is printed; {@code -Ddrill.seed=N} replays a run.
 *
 * <p>The kill -9 loop runs small in {@link KillLoopDrillIT} (5 kills, with SQLite's integrity check
 * of the store after it). One kill -9 and two replicas on PostgreSQL are in
 * {@link DeliveryAcrossProcessesIT}.
 */
class FaultDrillsIT {

    /** Kept when the drill fails: the bridge's logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void anIdpSyncThroughAnIdentityCenterOutageLosesAndDuplicatesNothing() throws Exception {
        long seed = Long.getLong("drill.seed", System.nanoTime());
        DrillResult result = new FaultDrills(work, Duration.ofMinutes(3)).identityCenterOutage(200, Duration.ofSeconds(2), seed);
        System.out.println(result.line());

        assertEquals(0, result.mismatches(), "seed " + seed + ": " + result.convergence().summary());
        assertEquals(0, result.duplicates(), "seed " + seed + ": " + result.convergence().summary());
        assertEquals(0, result.deadLetters(), "seed " + seed + ": dead letters");
    }
}
