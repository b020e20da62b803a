package io.scimbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initial sync against a throttled Identity Center: the emulator refuses (429) above
 * bench.icRate requests a second (Identity Center documents about 20) and the bridge is set to
 * send at that rate. Reports how close convergence comes to the floor the rate allows
 * (downstream requests / rate). Asserts correctness only. Run with:
 *
 * <pre>./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=InitialSyncAtIdentityCenterRateBenchIT -Dbench.rateScale=2000</pre>
 */
class InitialSyncAtIdentityCenterRateBenchIT {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void initialSyncConvergesAtIdentityCenterRate() throws Exception {
        int users = ScimFrontDoorBenchIT.intProperty("bench.rateScale", 2000);
        int rate = ScimFrontDoorBenchIT.intProperty("bench.icRate", 20);
        BenchReport report = new BenchReport("initial sync at Identity Center's rate limit (" + rate + " req/s)");
        try (FrontDoorScenario s = FrontDoorScenario.start(work, rate)) {
            FrontDoorScenario.Sync sync = FrontDoorRuns.initialSync(s, report, users, Math.max(1, users / 20), 200, 16,
                    Duration.ofHours(2));
            double floor = sync.downstreamRequests() / (double) rate;
            report.put("floor: downstream requests / rate, s", BenchReport.round(floor));
            report.put("converged / floor", BenchReport.round(sync.convergedSeconds() / floor));
            report.put("Identity Center 429s", s.ic.requestLog().entries().stream().filter(r -> r.status() == 429).count());
        }
        System.out.println(report.table());
        report.write(BenchReport.outputDir(), "initial-sync-at-rate");
    }
}
