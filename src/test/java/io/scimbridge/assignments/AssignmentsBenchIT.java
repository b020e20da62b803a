package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.SdkClients;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/**
 * Rules and assignments at scale. Plan time for {@link LargeOrganization}
 * (1,000 groups x 200 accounts), then assignment apply throughput with the production applier
 * settings and the real SDK client against the SSO Admin emulator held to AWS's documented limits
 * (20 requests/second shared, 10 outstanding asynchronous requests, results after a poll). Prints
 * figures; asserts only that every change succeeded once. Run with:
 *
 * <pre>./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=AssignmentsBenchIT -Dbench.assignments=300</pre>
 */
class AssignmentsBenchIT {

    /** AWS IAM Identity Center: about 20 requests/second shared by its APIs (shared/docs/aws-assignments.md). */
    private static final double AWS_REQUESTS_PER_SECOND = 20;

    @Test
    void planAndApplyAtScale() {
        int toApply = Integer.getInteger("bench.assignments", 300);
        try (SsoAdminEmulator aws = SsoAdminEmulator.start(); SsoAdminClient client = SdkClients.ssoAdmin(aws.url())) {
            LargeOrganization large = LargeOrganization.thousandGroupsTimesTwoHundredAccounts();
            Map<String, String> sets = new LinkedHashMap<>();
            large.sets().keySet().forEach(name -> sets.put(name, aws.seedPermissionSet(name)));
            large.accounts().forEach(aws::seedAccount);
            large.groups().forEach(g -> aws.seedPrincipal("GROUP", g.groupId()));

            List<Long> planMillis = new ArrayList<>();
            Plan plan = null;
            for (int run = 0; run < 5; run++) {
                long start = System.nanoTime();
                plan = Planner.plan(large.rules(), large.groups(), large.organization(), sets, Set.of(), Map.<Assignment, String>of());
                planMillis.add((System.nanoTime() - start) / 1_000_000);
            }

            aws.faults().setRateLimit(AWS_REQUESTS_PER_SECOND);
            aws.completeAfterPolls(1);
            List<Change.Create> batch = plan.creates().subList(0, Math.min(toApply, plan.creates().size()));
            ApplyReport report = new AssignmentApplier(client, aws.instanceArn(), AssignmentApplier.Settings.defaults())
                    .apply(batch);

            double perSecond = report.throughput();
            System.out.printf(Locale.ROOT, "%n=== scim-bridge benchmark: rules and assignments at scale ===%n");
            row("plan: groups x accounts", large.groups().size() + " x " + large.accounts().size());
            row("plan: assignments wanted / creates", plan.desired() + " / " + plan.creates().size());
            row("plan: ms per run (5 runs, first cold)", planMillis);
            row("apply: emulator limits", "%.0f req/s shared, %d outstanding, result after 1 poll"
                    .formatted(AWS_REQUESTS_PER_SECOND, AssignmentApplier.AWS_MAX_OUTSTANDING));
            row("apply: applier settings", AssignmentApplier.Settings.defaults());
            row("apply: assignments created", report.succeeded().size() + " of " + batch.size());
            row("apply: seconds", "%.1f".formatted(report.elapsed().toMillis() / 1000.0));
            row("apply: assignments per second", "%.2f".formatted(perSecond));
            row("apply: throttled answers retried / max outstanding", report.throttled() + " / " + report.maxOutstanding());
            row("apply: SSO Admin requests per assignment", "%.2f".formatted(
                    (double) aws.requestLog().entries().size() / Math.max(1, report.succeeded().size())));
            row("projected: the whole plan at this rate, hours", "%.1f".formatted(plan.creates().size() / perSecond / 3600));

            assertEquals(batch.size(), report.succeeded().size(), () -> "failed: " + report.failed().stream().limit(3).toList());
            assertEquals(batch.size(), aws.assignments().size());
            assertTrue(aws.acceptedCreates().values().stream().allMatch(n -> n == 1), "no assignment requested twice");
            assertTrue(aws.maxOutstanding() <= AssignmentApplier.AWS_MAX_OUTSTANDING, "outstanding " + aws.maxOutstanding());
        }
    }

    private static void row(String key, Object value) {
        System.out.printf(Locale.ROOT, "  %-52s %s%n", key, value);
    }
}
