package io.scimbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke run of the front-door benchmark harness at small scale (200 users, 10 groups, a short mix
 * at 16 connections): asserts only correctness, zero lost and zero duplicated, never timings.
 */
class ScimFrontDoorSmokeIT {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void smallSyncAndMixLoseAndDuplicateNothing() throws Exception {
        BenchReport report = new BenchReport("front door smoke (correctness only)");
        try (FrontDoorScenario s = FrontDoorScenario.start(work)) {
            FrontDoorRuns.initialSync(s, report, 200, 10, 150, 16, Duration.ofSeconds(30));
            report.add(s.mix("bridge", 16, 100));
            FrontDoorScenario.Diff end = s.awaitConverged(Duration.ofSeconds(30));
            System.out.println(report.table());
            assertEquals(List.of(), s.http.failures().stream().limit(5).toList(), "every request answered 2xx");
            assertTrue(end.clean(), "emulator equals what the IdP sent: " + end);
            assertEquals(300, s.expectedUsers());
            assertEquals(s.expectedUsers(), s.ic.users().size());
        }
    }
}
