package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.SdkClients;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import io.scimbridge.aws.emulator.SsoAssignment;
import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.RulesYaml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/**
 * The applier against the SSO Admin emulator through the real SDK client (built without the
 * SDK's own retries, so that every throttled answer reaches the applier's back-off).
 */
class AssignmentApplierTest {

    private static final AssignmentApplier.Settings FAST = AssignmentApplier.Settings.defaults()
            .withPolling(Duration.ofMillis(2), Duration.ofMillis(20))
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(100), 200)
            .withRate(0);

    private static SsoAdminEmulator emulator;
    private SsoAdminClient client;
    private String readOnly;

    @BeforeAll
    static void start() {
        emulator = SsoAdminEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void seed() {
        emulator.reset();
        client = SdkClients.ssoAdminWithoutRetries(emulator.url());
        readOnly = emulator.seedPermissionSet("ReadOnlyAccess");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static String groupId(int n) {
        return String.format("0123456789-%08x-0000-0000-0000-000000000000", n);
    }

    private static String account(int n) {
        return String.format("1%011d", n);
    }

    /** {@code groups} x {@code accounts} creates, principals and accounts seeded as existing. */
    private List<Change.Create> creates(int groups, int accounts) {
        List<Change.Create> creates = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            emulator.seedAccount(account(a));
        }
        for (int g = 0; g < groups; g++) {
            emulator.seedPrincipal("GROUP", groupId(g));
            for (int a = 0; a < accounts; a++) {
                Assignment assignment = Assignment.group(readOnly, account(a), groupId(g));
                creates.add(new Change.Create(assignment, "rule",
                        new Change.Labels("g" + g, "ReadOnlyAccess", account(a))));
            }
        }
        return creates;
    }

    @Test
    void fiveHundredAssignmentsUnderThrottlingAllSucceedWithAtMostTenOutstanding() {
        List<Change.Create> creates = creates(50, 10);
        emulator.completeAfterPolls(2);
        emulator.faults().setRateLimit(250);
        // and some throttling whatever the machine's speed: a loaded CI host may never reach 250 req/s
        emulator.faults().throttleNext(5, java.time.Duration.ZERO);

        ApplyReport report = new AssignmentApplier(client, emulator.instanceArn(), FAST).apply(creates);

        assertEquals(500, report.succeeded().size(), () -> "failed: " + report.failed().stream().limit(3).toList());
        assertEquals(500, emulator.assignments().size());
        assertTrue(emulator.maxOutstanding() <= 10, "emulator saw " + emulator.maxOutstanding() + " outstanding");
        assertTrue(report.maxOutstanding() <= 10);
        assertEquals(500, emulator.acceptedCreates().size());
        assertTrue(emulator.acceptedCreates().values().stream().allMatch(n -> n == 1), "no assignment requested twice");
        long throttled = emulator.requestLog().entries().stream().filter(e -> e.status() == 400).count();
        assertTrue(throttled > 0 && report.throttled() > 0, "throttling was injected and retried: " + throttled);
        System.out.printf("[assignments] applied 500 under a 250 req/s emulator limit: %.1f assignments/s,"
                        + " %d throttled answers retried, max %d outstanding%n",
                report.throughput(), report.throttled(), emulator.maxOutstanding());
    }

    @Test
    void failuresCarryAwsReasonAndDoNotStopTheRest() {
        List<Change.Create> creates = new ArrayList<>(creates(2, 2));
        Assignment unknownGroup = Assignment.group(readOnly, account(0), groupId(999));
        Assignment malformed = Assignment.group(readOnly, account(0), "not-an-identity-store-id");
        Change.Labels labels = new Change.Labels("?", "ReadOnlyAccess", account(0));
        creates.add(new Change.Create(unknownGroup, "rule", labels));
        creates.add(new Change.Create(malformed, "rule", labels));

        ApplyReport report = new AssignmentApplier(client, emulator.instanceArn(), FAST).apply(creates);

        assertEquals(4, report.succeeded().size());
        Map<Assignment, String> reasons = new java.util.HashMap<>();
        report.failed().forEach(r -> reasons.put(r.change().assignment(), r.failureReason()));
        assertTrue(reasons.get(unknownGroup).contains("does not exist in identity store"), reasons::toString);
        assertTrue(reasons.get(malformed).startsWith("ValidationException: PrincipalId"), reasons::toString);
        assertEquals(ApplyResult.Outcome.FAILED, report.failed().get(0).outcome());
    }

    @Test
    void deletesRemoveAssignments() {
        emulator.seedAccount(account(0));
        List<Change> deletes = new ArrayList<>();
        for (int g = 0; g < 15; g++) {
            emulator.seedAssignment(readOnly, account(0), "GROUP", groupId(g));
            deletes.add(new Change.Delete(Assignment.group(readOnly, account(0), groupId(g)), "rule", "gone",
                    new Change.Labels("g", "ReadOnlyAccess", account(0))));
        }
        emulator.completeAfterPolls(3);
        ApplyReport report = new AssignmentApplier(client, emulator.instanceArn(), FAST).apply(deletes);
        assertEquals(15, report.succeeded().size());
        assertEquals(List.of(), emulator.assignments());
        assertTrue(emulator.maxOutstanding() <= 10);
    }

    @Test
    void aStuckRequestEndsUnknownAfterTheOperationTimeout() {
        List<Change.Create> creates = creates(1, 1);
        emulator.hold(true);
        ApplyReport report = new AssignmentApplier(client, emulator.instanceArn(),
                FAST.withOperationTimeout(Duration.ofMillis(100))).apply(creates);
        assertEquals(ApplyResult.Outcome.UNKNOWN, report.results().get(0).outcome());
        assertTrue(report.results().get(0).failureReason().startsWith("still IN_PROGRESS"));
    }

    /**
     * Rules to plan to apply, crashing mid-way: the plan after the restart creates only what is
     * missing, and the write-ahead managed records cover everything the bridge asked for.
     */
    @Test
    void restartInTheMiddleOfAnApplyDuplicatesNothingAndLosesNothing() {
        for (int a = 0; a < 10; a++) {
            emulator.seedAccount(account(a));
        }
        List<GroupRef> groups = new ArrayList<>();
        for (int g = 0; g < 30; g++) {
            emulator.seedPrincipal("GROUP", groupId(g));
            groups.add(new GroupRef("team-" + g, groupId(g)));
        }
        Organization.Builder org = Organization.builder("r-root", "999999999999");
        for (int a = 0; a < 10; a++) {
            org.account(account(a), "acct-" + a, "r-root");
        }
        AssignmentRules rules = RulesYaml.rules("""
                assignments:
                  - name: teams-read-everything
                    groupPattern: 'team-\\d+'
                    permissionSets: [ReadOnlyAccess]
                    organizationalUnits: ['r-root']
                """);
        Map<String, String> sets = Map.of("ReadOnlyAccess", readOnly);
        Map<Assignment, String> managed = new ConcurrentHashMap<>();
        AssignmentReader reader = new AssignmentReader(client, emulator.instanceArn());
        emulator.completeAfterPolls(2);

        Plan first = plan(rules, groups, org.build(), sets, reader, managed);
        assertEquals(300, first.creates().size());
        int[] done = {0};
        AssignmentApplier.Listener crashing = new AssignmentApplier.Listener() {
            @Override
            public void beforeCreate(Change.Create create) {
                managed.put(create.assignment(), create.rule());
            }

            @Override
            public void completed(ApplyResult result) {
                if (++done[0] == 120) {
                    throw new IllegalStateException("kill -9");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new AssignmentApplier(client, emulator.instanceArn(), FAST).apply(first.changes(), crashing));
        int inFlightAtCrash = emulator.outstanding();
        emulator.tick(); // AWS finishes what was accepted while the bridge was down

        Plan second = plan(rules, groups, org.build(), sets, reader, managed);
        assertEquals(300 - emulator.assignments().size(), second.creates().size());
        assertTrue(second.creates().size() < 300 - 120 + 1, "only the missing ones: " + second.creates().size());
        assertEquals(List.of(), second.deletes());
        ApplyReport report = new AssignmentApplier(client, emulator.instanceArn(), FAST).apply(second.changes(),
                new AssignmentApplier.Listener() {
                    @Override
                    public void beforeCreate(Change.Create create) {
                        managed.put(create.assignment(), create.rule());
                    }
                });
        assertEquals(second.creates().size(), report.succeeded().size());

        Set<SsoAssignment> held = new HashSet<>(emulator.assignments());
        assertEquals(300, held.size());
        assertTrue(emulator.acceptedCreates().values().stream().allMatch(n -> n == 1),
                "nothing requested twice (" + inFlightAtCrash + " were in flight at the crash)");
        assertEquals(300, managed.size());
        Plan third = plan(rules, groups, org.build(), sets, reader, managed);
        assertEquals(0, third.creates().size() + third.deletes().size());
        assertEquals(300, third.unchanged());
    }

    private static Plan plan(AssignmentRules rules, List<GroupRef> groups, Organization org, Map<String, String> sets,
                             AssignmentReader reader, Map<Assignment, String> managed) {
        Planner.Desired desired = Planner.desired(rules, groups, org, sets);
        Set<Assignment.Target> targets = new HashSet<>(desired.targets());
        managed.keySet().forEach(a -> targets.add(a.target()));
        return Planner.plan(rules, groups, org, sets, reader.read(targets), Map.copyOf(managed));
    }

    /**
     * Throughput at AWS's documented limits (20 requests/s shared, 10 outstanding): run with
     * {@code -Dassignments.bench=true}; prints assignments per second.
     */
    @Test
    void throughputAtAwsLimits() {
        Assumptions.assumeTrue(Boolean.getBoolean("assignments.bench"), "run with -Dassignments.bench=true");
        List<Change.Create> creates = creates(20, 5);
        emulator.faults().setRateLimit(20);
        emulator.completeAfterPolls(2);
        AssignmentApplier.Settings aws = AssignmentApplier.Settings.defaults()
                .withPolling(Duration.ofMillis(500), Duration.ofSeconds(2)).withRate(18);
        ApplyReport report = new AssignmentApplier(client, emulator.instanceArn(), aws).apply(creates);
        assertEquals(100, report.succeeded().size());
        System.out.printf("[assignments] 100 assignments at 20 req/s and 10 outstanding: %.1f s, %.2f assignments/s,"
                        + " %d throttled, %d requests%n", report.elapsed().toMillis() / 1000.0, report.throughput(),
                report.throttled(), emulator.requestLog().entries().size());
    }

}
