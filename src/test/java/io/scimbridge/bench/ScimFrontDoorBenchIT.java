package io.scimbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Azure AD-shaped initial sync of bench.scale users into the built
 * jar (its own process), then the front-door mix at 16 and 64 connections. Before the measured mix,
 * bench.warmup requests of each kind (1,000) at 16 connections, unmeasured, for the bridge and the
 * peer alike: both compile their hot paths as they run (the JVM's C2, V8), and the sync exercises
 * only some of them, so without it the first measured phase timed compilation. Prints one table and writes
 * ${build.dir}/bench/front-door.json and .csv. Asserts correctness only, never timings. Run with:
 *
 * <pre>./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ScimFrontDoorBenchIT -Dbench.scale=2000</pre>
 */
class ScimFrontDoorBenchIT {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void frontDoorAndInitialSync() throws Exception {
        int scale = intProperty("bench.scale", 2000);
        int requests = intProperty("bench.requests", 3000);
        int warmup = intProperty("bench.warmup", 1000);
        BenchReport report = new BenchReport("front door and initial sync");
        int groups = Math.max(1, scale / 20);
        Duration converge = Duration.ofSeconds(intProperty("bench.convergeSeconds", 1800));
        FrontDoorScenario.Diff end;
        List<ScimHttp.Failure> failures;
        report.put("Identity Center emulator", "unthrottled");
        try (FrontDoorScenario s = FrontDoorScenario.start(work)) {
            FrontDoorRuns.initialSync(s, report, scale, groups, 200, 16, converge);
            s.mix("bridge-warmup", 16, warmup);
            for (int connections : List.of(16, 64)) {
                report.add(s.mix("bridge", connections, requests));
            }
            end = s.awaitConverged(converge);
            report.put("after mix: users / memberships expected", s.expectedUsers() + " / " + s.expectedMemberships());
            report.put("after mix: emulator diff", end);
            report.put("bridge peak RSS MiB (VmHWM, whole run)", BenchReport.round(ProcessStats.peakRssMiB(s.pid())));
            report.put("bridge CPU s (whole run)", ProcessStats.cpuSeconds(s.pid()));
            failures = List.copyOf(s.http.failures());
        }
        if (!"false".equals(System.getProperty("bench.peer"))) {
            runPeer(report, scale, groups, warmup, requests);
        }
        System.out.println(report.table());
        report.write(BenchReport.outputDir(), "front-door");
        assertEquals(List.of(), failures.stream().limit(5).toList(), "every request to the bridge answered 2xx");
        assertTrue(end.clean(), "emulator equals what the IdP sent: " + end);
    }

    /**
     * The same sync (IdP side only) and mix against the SCIMMY peer on another loopback port, after the
     * bridge has stopped so both had the machine to themselves. Skipped, with the reason in the table,
     * when node/npm or the npm registry is not available.
     */
    private void runPeer(BenchReport report, int scale, int groups, int warmup, int requests) throws Exception {
        ScimmyPeer peer;
        try {
            peer = ScimmyPeer.start(work.resolve("peer"));
        } catch (java.io.IOException e) {
            report.put("peer (SCIMMY)", "not run: " + e.getMessage());
            return;
        }
        try (peer) {
            ScimHttp http = new ScimHttp(peer.baseUrl(), "bench");
            AzureAdIdp idp = new AzureAdIdp(http);
            FrontDoorLoad.Pushed pushed = FrontDoorLoad.initialSync(idp, scale, groups, 200, 16, FrontDoorLoad.Expect.NOTHING);
            report.put("peer: sync IdP side done, s (in memory, nothing downstream)", BenchReport.round(pushed.seconds()));
            FrontDoorLoad.mix(http, idp, pushed.groupIds(), "peer-warmup", 16, warmup, FrontDoorLoad.Expect.NOTHING);
            for (int connections : List.of(16, 64)) {
                report.add(FrontDoorLoad.mix(http, idp, pushed.groupIds(), "scimmy-peer", connections, requests,
                        FrontDoorLoad.Expect.NOTHING));
            }
            report.put("peer peak RSS MiB (VmHWM, whole run)", BenchReport.round(ProcessStats.peakRssMiB(peer.pid())));
            report.put("peer CPU s (whole run)", ProcessStats.cpuSeconds(peer.pid()));
            report.put("peer requests not answered 2xx", http.failures().size()
                    + (http.failures().isEmpty() ? "" : " e.g. " + http.failures().get(0)));
        }
    }

    static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback; // an unset Maven property arrives as its literal ${...}
        }
    }
}
