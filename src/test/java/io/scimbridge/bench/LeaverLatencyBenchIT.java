package io.scimbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.OrganizationPolicies;
import io.scimbridge.identitycenter.emulator.StoredGroup;
import io.scimbridge.identitycenter.emulator.StoredUser;
import io.scimbridge.revocation.DenyPolicy;
import io.scimbridge.revocation.ScpPacking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaver latency under background load. After an initial sync, an IdP keeps
 * onboarding users (the front-door mix at {@code bench.background.connections}) while leavers are
 * removed from a group, deactivated and deleted, at the IdP's pace, with session revocation in
 * mode scp against the Organizations emulator. Latency is the time from the
 * bridge answering the IdP to the emulators' state showing the change (for a deactivation also:
 * the user's Identity Center id denied in an SCP on the organisation's root; a watcher
 * polls the emulator in-process every millisecond). Prints figures, asserts only that every change
 * arrived and the end state equals what the IdP sent. Run with:
 *
 * <pre>./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LeaverLatencyBenchIT -Dbench.users=200</pre>
 */
class LeaverLatencyBenchIT {

    /** Session revocation (mode scp): the deactivated user's Identity Center id denied in an SCP on the root. */
    private static final String DENY_IN_FORCE = "deny in force";

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void leaverLatencyUnderBackgroundLoad() throws Exception {
        int leavers = ScimFrontDoorBenchIT.intProperty("bench.users", 200);
        int scale = Math.max(leavers * 5, ScimFrontDoorBenchIT.intProperty("bench.leaver.scale", 2000));
        int background = ScimFrontDoorBenchIT.intProperty("bench.background.connections", 8);
        BenchReport report = new BenchReport("leaver latency under background load");
        try (FrontDoorScenario s = FrontDoorScenario.startWithSessionRevocation(work)) {
            s.initialSync(scale, scale / 20, 20, 16, Duration.ofMinutes(10));
            List<Leaver> chosen = leavers(s, leavers);

            AtomicBoolean stop = new AtomicBoolean();
            ScimHttp backgroundHttp = new ScimHttp(s.bridge.baseUrl(), s.token());
            AzureAdIdp backgroundIdp = new AzureAdIdp(backgroundHttp);
            int[] rounds = {0};
            Thread load = Thread.ofPlatform().name("background-idp").start(() -> {
                while (!stop.get()) {
                    try {
                        FrontDoorLoad.mix(backgroundHttp, backgroundIdp, s.groupIds(), "background" + rounds[0]++, background,
                                200, s.expect());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            AppliedWatcher watcher = new AppliedWatcher();
            try {
                for (Leaver l : chosen) {
                    watcher.await(AzureAdIdp.MEMBER_REMOVE, () -> s.idp.removeMember(l.groupId, l.userId),
                            () -> s.expect().memberRemoved(l.groupId, l.userId),
                            () -> !s.ic.members(l.icGroupId).contains(l.icUserId));
                    pace();
                }
                for (Leaver l : chosen) {
                    watcher.await(AzureAdIdp.DEACTIVATE, () -> s.idp.deactivate(l.userId), () -> {},
                            () -> s.ic.user(l.icUserId).map(u -> !u.attributes().path("active").asBoolean(true)).orElse(false),
                            DENY_IN_FORCE, () -> deniedAtTheRoot(s).contains(l.icUserId));
                    pace();
                }
                for (Leaver l : chosen) {
                    watcher.await(AzureAdIdp.DELETE_USER, () -> s.idp.deleteUser(l.userId), () -> s.expect().userDeleted(l.userId),
                            () -> s.ic.user(l.icUserId).isEmpty());
                    pace();
                }
                watcher.drain(Duration.ofMinutes(2));
            } finally {
                stop.set(true);
                load.join();
                watcher.close();
            }
            FrontDoorScenario.Diff end = s.awaitConverged(Duration.ofMinutes(5));

            report.put("Identity Center emulator", "healthy, unthrottled");
            report.put("initial sync: users / groups", scale + " / " + scale / 20);
            report.put("leavers (removed from a group, deactivated, deleted)", chosen.size());
            report.put("background: IdP connections running the front-door mix", background);
            report.put("background: requests answered during the leaver phases", backgroundHttp.requestsAnswered());
            Map<String, String> measured = new java.util.LinkedHashMap<>();
            for (String op : List.of(AzureAdIdp.MEMBER_REMOVE, AzureAdIdp.DEACTIVATE, AzureAdIdp.DELETE_USER)) {
                measured.put(op, op + ": IdP answer -> Identity Center applied (n, p50/p99/max ms)");
            }
            measured.put(DENY_IN_FORCE, "deactivate: IdP answer -> Deny in force in an SCP on the root (n, p50/p99/max ms)");
            for (Map.Entry<String, String> m : measured.entrySet()) {
                Latencies.Summary l = watcher.latencies.summary(m.getKey());
                report.put(m.getValue(), String.format(java.util.Locale.ROOT,
                        "%d, %.1f / %.1f / %.1f", l.count(), l.p50(), l.p99(), l.max()));
            }
            report.put("bridge peak RSS MiB (VmHWM)", BenchReport.round(ProcessStats.peakRssMiB(s.pid())));
            report.put("end: emulator diff", end);
            System.out.println(report.table());
            report.write(BenchReport.outputDir(), "leaver-latency");
            assertEquals(List.of(), s.http.failures().stream().limit(5).toList(), "every leaver request answered 2xx");
            assertEquals(List.of(), backgroundHttp.failures().stream().limit(5).toList(), "every background request answered 2xx");
            assertEquals(List.of(), watcher.missing(), "every leaver change reached Identity Center");
            assertTrue(end.clean(), "emulator equals what the IdP sent: " + end);
        }
    }

    /**
     * The ids the bridge's SCPs attached to the organisation's root deny, read from the Organizations
     * emulator; parsed again only when the policies changed (the watcher asks every millisecond).
     */
    private static Set<String> deniedAtTheRoot(FrontDoorScenario s) {
        OrganizationPolicies policies = s.aws.organizations().policies();
        List<String> contents = policies.attachedTo(s.aws.organizations().rootId()).stream()
                .filter(p -> ScpPacking.bridgeOwned(p.name())).map(OrganizationPolicies.Policy::content).toList();
        synchronized (DENIED) {
            if (!contents.equals(DENIED.keySet().stream().findFirst().orElse(null))) {
                Set<String> ids = new HashSet<>();
                contents.forEach(c -> ids.addAll(DenyPolicy.ids(c)));
                DENIED.clear();
                DENIED.put(contents, ids);
            }
            return DENIED.values().iterator().next();
        }
    }

    /** The last SCP contents read and the ids they deny. */
    private static final Map<List<String>, Set<String>> DENIED = new HashMap<>();

    /** A user who leaves, with one group they are in; bridge ids and Identity Center ids. */
    private record Leaver(String userId, String groupId, String icUserId, String icGroupId) {}

    /** Users of the initial sync who are in a group, at most one per group so the removals don't coalesce. */
    private static List<Leaver> leavers(FrontDoorScenario s, int count) {
        List<Leaver> out = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int round = 0; out.size() < count && round < 20; round++) {
            for (String groupId : s.groupIds()) {
                Optional<String> member = s.membersOf(groupId).stream().filter(taken::add).findFirst();
                if (member.isEmpty()) {
                    continue;
                }
                String userId = member.get();
                StoredUser icUser = s.ic.userByUserName(s.userNameOf(userId)).orElseThrow();
                StoredGroup icGroup = s.ic.groupByDisplayName(s.groupNameOf(groupId)).orElseThrow();
                out.add(new Leaver(userId, groupId, icUser.id(), icGroup.id()));
                if (out.size() == count) {
                    break;
                }
            }
        }
        return out;
    }

    /** About 20 changes a second, an IdP's pace for leavers; load shaping, not waiting for luck. */
    private static void pace() throws InterruptedException {
        Thread.sleep(50);
    }

    /**
     * Times each change from the IdP's answer until a condition on the emulator's state holds, by
     * polling the in-process emulator every millisecond on its own thread.
     */
    private static final class AppliedWatcher implements AutoCloseable {

        private record Pending(String operation, long answeredAt, BooleanSupplier applied) {}

        final Latencies latencies = new Latencies();
        private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
        private final List<String> missing = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread poller = Thread.ofPlatform().name("applied-watcher").start(this::poll);
        private int next;

        /** Sends a change; when answered 2xx, records it as expected and starts its clock. */
        void await(String operation, BooleanSupplier send, Runnable expected, BooleanSupplier applied) {
            if (send.getAsBoolean()) {
                long answered = System.nanoTime();
                expected.run();
                pending.put(next++, new Pending(operation, answered, applied));
            }
        }

        /** As above, timing a second effect of the same change from the same answer. */
        void await(String operation, BooleanSupplier send, Runnable expected, BooleanSupplier applied,
                   String secondOperation, BooleanSupplier secondApplied) {
            if (send.getAsBoolean()) {
                long answered = System.nanoTime();
                expected.run();
                pending.put(next++, new Pending(operation, answered, applied));
                pending.put(next++, new Pending(secondOperation, answered, secondApplied));
            }
        }

        private void poll() {
            while (!closed.get()) {
                for (Map.Entry<Integer, Pending> e : pending.entrySet()) {
                    if (e.getValue().applied.getAsBoolean()) {
                        latencies.record(e.getValue().operation, System.nanoTime() - e.getValue().answeredAt);
                        pending.remove(e.getKey());
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }

        void drain(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling a condition with a deadline
            }
            pending.values().forEach(p -> missing.add(p.operation));
        }

        List<String> missing() {
            return missing;
        }

        @Override
        public void close() throws InterruptedException {
            closed.set(true);
            poller.join();
        }
    }
}
