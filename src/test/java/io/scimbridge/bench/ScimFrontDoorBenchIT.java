package io.scimbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Azure AD-shaped initial sync of bench.scale users into the built jar (its own process), then the
 * front-door mix at 16 and 64 connections against the bridge and against its peer, SCIMMY (a Node SCIM
 * server keeping everything in memory), both up at once on their own loopback ports.
 *
 * <p>Each server gets its sync and then bench.warmup requests of each kind (1,000) at 16 connections,
 * unmeasured: both compile their hot paths as they run (the JVM's C2, V8), and the sync exercises only
 * some of them, so without it the first measured phase timed compilation. Then bench.rounds rounds
 * (default 2): in each, the bridge's mix and the peer's mix, each at 16 then 64 connections, labelled
 * {@code bridge-r<n>} and {@code scimmy-peer-r<n>}. The bridge goes first in odd rounds, the peer in
 * even ones, so that neither always runs on the machine the other has just left; the bridge's turn ends
 * once it has delivered everything to the Identity Center emulator, so that its delivery is not timed
 * with the peer. A whole bridge run followed by a whole peer run let the machine's drift between the two
 * halves decide the ratio; interleaved rounds spread that drift over both. The table gives each round's
 * bridge / peer ratios and, per connections and operation, the median bridge figure over the rounds
 * divided by the median peer figure, with the smallest and largest round's ratio beside it.
 *
 * <p>-Dbench.peer=false runs the bridge's rounds alone, and so does a machine without node/npm or the
 * npm registry (the reason is in the table). Prints one table and writes
 * ${build.dir}/bench/front-door.json and .csv. Asserts correctness only, never timings. Run with:
 *
 * <pre>./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ScimFrontDoorBenchIT -Dbench.scale=2000 -Dbench.rounds=2</pre>
 */
class ScimFrontDoorBenchIT {

    /** The concurrencies of each server's turn, in order. */
    private static final List<Integer> CONNECTIONS = List.of(16, 64);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void frontDoorAndInitialSync() throws Exception {
        int scale = intProperty("bench.scale", 2000);
        int requests = intProperty("bench.requests", 3000);
        int warmup = intProperty("bench.warmup", 1000);
        int rounds = Math.max(1, intProperty("bench.rounds", 2));
        BenchReport report = new BenchReport("front door and initial sync");
        int groups = Math.max(1, scale / 20);
        Duration converge = Duration.ofSeconds(intProperty("bench.convergeSeconds", 1800));
        FrontDoorScenario.Diff end;
        List<ScimHttp.Failure> failures;
        report.put("Identity Center emulator", "unthrottled");
        report.put("rounds (bridge and peer interleaved, who goes first alternating)", rounds);
        try (FrontDoorScenario s = FrontDoorScenario.start(work)) {
            FrontDoorRuns.initialSync(s, report, scale, groups, 200, 16, converge);
            s.mix("bridge-warmup", 16, warmup);
            // the peer's turn must not share the machine with the bridge's delivery; a delivery still
            // unfinished after `converge` shows in the diff taken after the rounds
            Contender bridge = new Contender(BenchReport.BRIDGE, s::mix, () -> s.awaitConverged(converge));
            try (ScimmyPeer process = startPeer(report)) {
                Peer peer = process == null ? null : Peer.syncAndWarmUp(process, report, scale, groups, warmup);
                List<Contender> contenders = peer == null ? List.of(bridge)
                        : List.of(bridge, new Contender(BenchReport.PEER, peer::mix, () -> { })); // nothing downstream
                for (int round = 1; round <= rounds; round++) {
                    for (Contender c : round % 2 == 1 ? contenders : contenders.reversed()) {
                        report.add(c.turn(round, requests));
                    }
                }
                end = s.awaitConverged(converge);
                report.put("after mix: users / memberships expected", s.expectedUsers() + " / " + s.expectedMemberships());
                report.put("after mix: emulator diff", end);
                report.put("after mix: store file + WAL / VACUUM INTO copy (issue 11: at most 2x)",
                        StoreCompaction.of(s.data, work.resolve("compaction")));
                report.put("bridge peak RSS MiB (VmHWM, whole run)", BenchReport.round(ProcessStats.peakRssMiB(s.pid())));
                report.put("bridge CPU s (whole run)", ProcessStats.cpuSeconds(s.pid()));
                failures = List.copyOf(s.http.failures());
                if (peer != null) {
                    peer.reportWholeRun(report);
                }
            }
        }
        System.out.println(report.table());
        report.write(BenchReport.outputDir(), "front-door");
        assertEquals(List.of(), failures.stream().limit(5).toList(), "every request to the bridge answered 2xx");
        assertTrue(end.clean(), "emulator equals what the IdP sent: " + end);
    }

    /**
     * The SCIMMY peer installed and started on another loopback port; null when -Dbench.peer=false, or,
     * with the reason in the table, when node/npm or the npm registry is not available.
     */
    private ScimmyPeer startPeer(BenchReport report) throws InterruptedException {
        if ("false".equals(System.getProperty("bench.peer"))) {
            return null;
        }
        try {
            return ScimmyPeer.start(work.resolve("peer"));
        } catch (java.io.IOException e) {
            report.put("peer (SCIMMY)", "not run: " + e.getMessage());
            return null;
        }
    }

    /** The mix against one server at one concurrency, as {@link FrontDoorScenario#mix} takes it. */
    @FunctionalInterface
    private interface Mix {
        List<FrontDoorScenario.OpFigures> run(String label, int connections, int n) throws InterruptedException;
    }

    /**
     * One server in the rounds: the stem of its labels, its mix, and what its turn waits for before the
     * next one starts.
     */
    private record Contender(String name, Mix mix, FrontDoorLoad.Settle afterTurn) {

        /** The mix at each concurrency; the label names the round, since the mix derives user names from it. */
        List<FrontDoorScenario.OpFigures> turn(int round, int requests) throws InterruptedException {
            List<FrontDoorScenario.OpFigures> figures = new ArrayList<>();
            for (int connections : CONNECTIONS) {
                figures.addAll(mix.run(name + "-r" + round, connections, requests));
            }
            afterTurn.await();
            return figures;
        }
    }

    /** The peer after its sync: the IdP's connection pool to it and the groups the sync created. */
    private record Peer(ScimmyPeer process, ScimHttp http, AzureAdIdp idp, List<String> groupIds) {

        /** The bridge's sync (IdP side only) and warm-up, against the peer. */
        static Peer syncAndWarmUp(ScimmyPeer process, BenchReport report, int scale, int groups, int warmup)
                throws InterruptedException {
            ScimHttp http = new ScimHttp(process.baseUrl(), "bench");
            AzureAdIdp idp = new AzureAdIdp(http);
            FrontDoorLoad.Pushed pushed = FrontDoorLoad.initialSync(idp, scale, groups, 200, 16, FrontDoorLoad.Expect.NOTHING);
            report.put("peer: sync IdP side done, s (in memory, nothing downstream)", BenchReport.round(pushed.seconds()));
            Peer peer = new Peer(process, http, idp, pushed.groupIds());
            peer.mix("peer-warmup", 16, warmup);
            return peer;
        }

        List<FrontDoorScenario.OpFigures> mix(String label, int connections, int n) throws InterruptedException {
            return FrontDoorLoad.mix(http, idp, groupIds, label, connections, n, FrontDoorLoad.Expect.NOTHING);
        }

        void reportWholeRun(BenchReport report) {
            report.put("peer peak RSS MiB (VmHWM, whole run)", BenchReport.round(ProcessStats.peakRssMiB(process.pid())));
            report.put("peer CPU s (whole run)", ProcessStats.cpuSeconds(process.pid()));
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
