package io.scimbridge.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The initial-sync step shared by the benchmark and its CI smoke variant. */
final class FrontDoorRuns {

    private FrontDoorRuns() {}

    static FrontDoorScenario.Sync initialSync(FrontDoorScenario s, BenchReport report, int users, int groups,
                                              int membersPerGroup, int connections, Duration convergeWithin) throws Exception {
        FrontDoorScenario.Sync sync = s.initialSync(users, groups, membersPerGroup, connections, convergeWithin);
        long changes = sync.users() + sync.groups() + sync.memberships();
        report.put("sync: users / groups / memberships", sync.users() + " / " + sync.groups() + " / " + sync.memberships());
        report.put("sync: IdP connections", connections);
        report.put("sync: IdP write requests (POST user+group, member PATCH)", sync.idpWrites());
        report.put("sync: IdP side done, s", sync.idpSeconds());
        report.put("sync: emulator converged, s (from start)", sync.convergedSeconds());
        report.put("sync: downstream requests", sync.downstreamRequests());
        report.put("sync: downstream requests per IdP write", BenchReport.round((double) sync.downstreamRequests() / sync.idpWrites()));
        report.put("sync: downstream requests per change (user, group, membership)",
                BenchReport.round((double) sync.downstreamRequests() / changes));
        report.put("sync: projected at IC's 20 req/s, s", BenchReport.round(sync.downstreamRequests() / 20.0));
        report.put("sync: bridge peak RSS MiB (VmHWM)", BenchReport.round(ProcessStats.peakRssMiB(s.pid())));
        report.put("sync: bridge CPU s (utime+stime, incl. startup)", ProcessStats.cpuSeconds(s.pid()));
        report.put("sync: store size MiB (data dir, logs excluded)", BenchReport.round(ProcessStats.storeBytes(s.data) / 1048576.0));
        // what each IdP write cost the store, delivery included: deterministic, unlike the timings
        Map<String, Double> store = s.storeCounters();
        double writes = sync.idpWrites();
        report.put("sync: store write transactions / durable commits / SQLite commits / fsyncs per IdP write",
                String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f",
                        store.getOrDefault("bridge_store_write_transactions_total", 0.0) / writes,
                        store.getOrDefault("bridge_store_durable_commits_total", 0.0) / writes,
                        store.getOrDefault("bridge_store_sqlite_commits_total", 0.0) / writes,
                        store.getOrDefault("bridge_store_fsyncs_total", 0.0) / writes));
        report.put("sync: store writer held per IdP write, ms (delivery's share included)", BenchReport.round(
                store.getOrDefault("bridge_store_writer_held_seconds_total", 0.0) * 1000 / writes));
        for (String op : new String[] {AzureAdIdp.LOOKUP, AzureAdIdp.CREATE_USER, AzureAdIdp.GROUP_LOOKUP,
                AzureAdIdp.CREATE_GROUP, AzureAdIdp.MEMBER_PATCH}) {
            Latencies.Summary l = sync.latencies().summary(op);
            report.put("sync latency " + op + " (n, p50/p99/max ms)", String.format(java.util.Locale.ROOT,
                    "%d, %.2f / %.2f / %.2f", l.count(), l.p50(), l.p99(), l.max()));
        }
        report.put("sync: emulator diff", sync.diff());
        assertTrue(s.http.failures().isEmpty(), "every sync request answered 2xx: " + s.http.failures().stream().limit(5).toList());
        assertTrue(sync.diff().clean(), "emulator converged with nothing lost or duplicated: " + sync.diff());
        return sync;
    }
}
