package io.scimbridge.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.testing.idp.Json;
import io.scimbridge.testing.idp.ScimOverHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault drills, on the built jar as a separate process with the Identity Center emulator
 * downstream and {@link DrillIdp} upstream: each proves that nothing the IdP had accepted is lost
 * and nothing is created twice, whatever fails in between.
 *
 * <ul>
 *   <li>{@link #killLoop}: the bridge is killed with SIGKILL at seeded random moments and restarted;</li>
 *   <li>{@link #identityCenterOutage}: Identity Center answers 429, then 503, then drops connections;</li>
 *   <li>{@link #postgresqlRestart}: the bridge's PostgreSQL is stopped mid-sync and started again.</li>
 * </ul>
 */
final class FaultDrills {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int IDP_CONNECTIONS = 8;
    private static final Duration IDP_PATIENCE = Duration.ofMinutes(5);

    private final Path work;
    private final Duration convergenceLimit;

    FaultDrills(Path work, Duration convergenceLimit) {
        this.work = work;
        this.convergenceLimit = convergenceLimit;
    }

    /**
     * (a) An IdP sync while the bridge is killed {@code kills} times (SIGKILL) at seeded random
     * moments, each time restarted on the same data. Kills the sync outlives land in delivery.
     */
    DrillResult killLoop(int users, int kills, long seed) throws Exception {
        Path data = Files.createDirectories(work.resolve("kill-loop"));
        Path app = BridgeProcess.builtApp();
        try (IdentityCenterScimEmulator ic = IdentityCenterScimEmulator.start()) {
            // a few ms per call: delivery lags the IdP, so kills find calls in flight and marks dirty
            ic.delayResponses(Duration.ofMillis(10));
            Map<String, String> env = new HashMap<>(deliveringTo(ic));
            env.put("BRIDGE_IDENTITY_CENTER_MAX_BACKOFF", "2s");
            Instant start = Instant.now();
            DrillResult result;
            try (BridgeProcess bridge = new BridgeProcess(app, data, env).start()) {
                DrillIdp idp = new DrillIdp(bridge.baseUrl(), BridgeProcess.mintToken(app, data, "azure"), new IdpLedger(),
                        IDP_PATIENCE);
                Random moments = new Random(seed);
                CompletableFuture<Integer> killer = CompletableFuture.supplyAsync(() -> {
                    int done = 0;
                    try {
                        for (; done < kills; done++) {
                            Thread.sleep(500 + moments.nextInt(2500)); // the seeded random moment of the next kill
                            bridge.kill();
                            bridge.start();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("kill " + (done + 1) + " of " + kills + " failed", e);
                    }
                    return done;
                });
                DrillWorkload.sync(idp, users, seed).run(IDP_CONNECTIONS, Duration.ZERO);
                int killed = killer.join();
                long dead = awaitEmptyQueue(bridge, BridgeProcess.mintAdminToken(app, data));
                Map<String, Object> details = idpFigures(idp);
                details.put("seed", seed);
                details.put("kills", killed);
                result = new DrillResult("kill-9 loop", idp.ledger().accepted(), Convergence.of(idp.ledger(), ic), dead,
                        idp.badFailures().size(),
                        Duration.between(start, Instant.now()), details);
            }
            // the store itself after all those kills: SQLite's own check of every page and index
            result.details().put("integrity", StoreIntegrity.check(data));
            return result;
        }
    }

    /**
     * (b) Identity Center answers 429 (Retry-After 1 s) for {@code phase}, then 503 for
     * {@code phase}, then closes every connection unanswered for {@code phase}, then is healthy;
     * the IdP writes all along. Production defaults for back-off and circuit: the convergence time
     * after recovery is the figure operators get.
     */
    DrillResult identityCenterOutage(int users, Duration phase, long seed) throws Exception {
        Path data = Files.createDirectories(work.resolve("outage"));
        Path app = BridgeProcess.builtApp();
        try (IdentityCenterScimEmulator ic = IdentityCenterScimEmulator.start();
             BridgeProcess bridge = new BridgeProcess(app, data, deliveringTo(ic)).start()) {
            DrillIdp idp = new DrillIdp(bridge.baseUrl(), BridgeProcess.mintToken(app, data, "azure"), new IdpLedger(),
                    IDP_PATIENCE);
            String admin = BridgeProcess.mintAdminToken(app, data);
            Instant start = Instant.now();
            DrillWorkload sync = DrillWorkload.sync(idp, users, seed);
            // the writes go on through the whole outage and a little beyond
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                try {
                    sync.run(IDP_CONNECTIONS, phase.multipliedBy(3).plusSeconds(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            ic.throttleNext(Integer.MAX_VALUE, Duration.ofSeconds(1));
            pauseFor(phase);
            ic.outage(true);
            ic.throttleNext(0, Duration.ofSeconds(1));
            pauseFor(phase);
            ic.dropNextConnections(Integer.MAX_VALUE);
            ic.outage(false);
            pauseFor(phase);
            ic.dropNextConnections(0);
            Instant recovered = Instant.now();
            writes.join();
            Instant lastWrite = Instant.now();
            long dead = awaitEmptyQueue(bridge, admin);
            Instant converged = Instant.now();
            Map<String, Object> details = idpFigures(idp);
            details.put("seed", seed);
            details.put("phase", phase.toMillis() / 1000d + "s");
            details.put("convergedAfterRecovery", seconds(Duration.between(recovered, converged)));
            details.put("convergedAfterLastWrite", seconds(Duration.between(lastWrite, converged)));
            details.put("icCalls", ic.operationCounts().values().stream().mapToLong(Long::longValue).sum());
            return new DrillResult("ic-outage", idp.ledger().accepted(), Convergence.of(idp.ledger(), ic), dead,
                        idp.badFailures().size(),
                    Duration.between(start, converged), details);
        }
    }

    /**
     * (c) The bridge on its own PostgreSQL cluster; mid-sync the database is stopped for
     * {@code down}, then started again. While it is down, SCIM reads and writes must answer a SCIM
     * 503 with Retry-After within a few seconds (probed, and checked on every answer the IdP got),
     * and the delivery loop must survive (no thread died, per the bridge's log).
     */
    DrillResult postgresqlRestart(int users, Duration down, long seed) throws Exception {
        Path app = BridgeProcess.reaugmentedCopy(BridgeProcess.builtApp(), "postgresql", work.resolve("app-pg"));
        Path data = Files.createDirectories(work.resolve("postgresql"));
        try (PostgresCluster db = PostgresCluster.start();
             IdentityCenterScimEmulator ic = IdentityCenterScimEmulator.start()) {
            ic.delayResponses(Duration.ofMillis(5));
            Map<String, String> env = new HashMap<>(deliveringTo(ic));
            env.put("BRIDGE_IDENTITY_CENTER_MAX_BACKOFF", "2s");
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            try (BridgeProcess bridge = new BridgeProcess(app, data, env).start()) {
                DrillIdp idp = new DrillIdp(bridge.baseUrl(), BridgeProcess.mintToken(app, data, "azure"), new IdpLedger(),
                        IDP_PATIENCE);
                String admin = BridgeProcess.mintAdminToken(app, data);
                Instant start = Instant.now();
                DrillWorkload sync = DrillWorkload.sync(idp, users, seed);
                Duration spread = down.multipliedBy(3).plusSeconds(6);
                CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                    try {
                        sync.run(IDP_CONNECTIONS, spread);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                pauseFor(spread.dividedBy(3)); // a third of the way into the sync
                db.stop();
                List<String> probes = new ArrayList<>();
                AtomicReference<Duration> slowestProbe = new AtomicReference<>(Duration.ZERO);
                Instant downSince = Instant.now();
                while (Duration.between(downSince, Instant.now()).compareTo(down) < 0) {
                    for (String[] probe : List.of(
                            new String[] {"GET", ScimOverHttp.filterPath("/scim/v2/Users", "userName", "drill-u0@example.com"), null},
                            new String[] {"POST", "/scim/v2/Users",
                                    Json.write(Json.user("userName", "probe-" + probes.size() + "@example.com"))})) {
                        ScimOverHttp.Answer a = idp.probe(probe[0], probe[1], probe[2]);
                        slowestProbe.accumulateAndGet(a.took(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
                        probes.add(probe[0] + " " + a.status() + (a.retryAfter() == null ? "" : " Retry-After " + a.retryAfter())
                                + " " + a.contentType());
                    }
                    pauseFor(Duration.ofMillis(500));
                }
                db.startAgain();
                writes.join();
                long dead = awaitEmptyQueue(bridge, admin);
                Map<String, Object> details = idpFigures(idp);
                details.put("seed", seed);
                details.put("down", seconds(down));
                details.put("probesWhileDown", summarize(probes));
                details.put("slowestProbe", seconds(slowestProbe.get()));
                details.put("deadThreads", deadThreads(data));
                keepLogs(data, "postgresql-restart");
                return new DrillResult("postgresql-restart", idp.ledger().accepted(), Convergence.of(idp.ledger(), ic),
                        dead, idp.badFailures().size(), Duration.between(start, Instant.now()), details);
            }
        }
    }

    // ----

    private static Map<String, String> deliveringTo(IdentityCenterScimEmulator ic) {
        return Map.of("BRIDGE_IDENTITY_CENTER_SCIM_URL", ic.url(), "BRIDGE_IDENTITY_CENTER_SCIM_TOKEN", ic.token(),
                "BRIDGE_IDENTITY_CENTER_REQUESTS_PER_SECOND", "0",
                // a killed process's claims are taken over when their lease runs out
                "BRIDGE_IDENTITY_CENTER_LEASE", "3s",
                // The drills' churn deactivates, deletes and removes far more than a tenth of what
                // they create, which the deprovisioning guard holds by design (how many depends on
                // timing: a user deleted before its create was delivered costs no removal). They
                // measure durability, so the guard is off; GuardScenarioTest and GuardLoopScenarioTest test it.
                "BRIDGE_GUARD_MAX_DEPROVISIONS", "0", "BRIDGE_GUARD_MAX_PERCENT", "0");
    }

    /** Waits until no dirty mark is left (dead letters do not count as waiting); returns the dead letters. */
    private long awaitEmptyQueue(BridgeProcess bridge, String adminToken) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            awaitDepthZero(bridge, adminToken, last);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("queue not empty after " + convergenceLimit + " (stuck delivery?); last /admin/queue: "
                    + last.get() + "; bridge logs in " + work, e);
        }
        return last.get().path("deadLetters").asLong();
    }

    private void awaitDepthZero(BridgeProcess bridge, String adminToken, AtomicReference<JsonNode> last) {
        await().atMost(convergenceLimit).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + "/admin/queue?limit=1"))
                    .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode q = Json.read(r.body());
            last.set(q);
            return r.statusCode() == 200 && q.path("depth").asLong(-1) == 0;
        });
    }

    /** Copies the bridge's logs next to the build's bench figures (the temp dir goes on success). */
    private static void keepLogs(Path data, String drill) throws IOException {
        Path bench = Files.createDirectories(BridgeProcess.builtApp().toAbsolutePath().getParent().resolve("bench"));
        try (var logs = Files.list(data)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, bench.resolve("drill-" + drill + "-" + log.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Map<String, Object> idpFigures(DrillIdp idp) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("idpNoAnswer", idp.noAnswers());
        d.put("idpRetried", idp.retriedStatuses());
        d.put("adopted409", idp.adoptedAfterConflict());
        if (!idp.badFailures().isEmpty()) {
            d.put("firstBad5xx", idp.badFailures().get(0).toString());
        }
        return d;
    }

    /** Lines of the bridge's logs saying a thread died (an uncaught exception ends it). */
    private static long deadThreads(Path data) throws IOException {
        long n = 0;
        try (var logs = Files.list(data)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                try (var lines = Files.lines(log)) {
                    n += lines.filter(l -> l.contains("Exception in thread")).count();
                }
            }
        }
        return n;
    }

    private static Map<String, Long> summarize(List<String> probes) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        probes.forEach(p -> counts.merge(p, 1L, Long::sum));
        return counts;
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000d);
    }

    /** A fault window of the drill's schedule (how long a phase lasts), not a wait for luck. */
    private static void pauseFor(Duration d) throws InterruptedException {
        Thread.sleep(d);
    }
}
