package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scimbridge.rules.AssignmentRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plan time for {@link LargeOrganization} (1,000 groups x 200 accounts), printed (no timed
 * assertion: machines differ). Half of what is wanted already exists, and 1,000 managed
 * assignments are stale.
 */
class AssignmentPlanTimingTest {

    @Test
    void plansOneThousandGroupsTimesTwoHundredAccounts() {
        LargeOrganization large = LargeOrganization.thousandGroupsTimesTwoHundredAccounts();
        AssignmentRules rules = large.rules();
        List<GroupRef> groups = large.groups();
        Organization organization = large.organization();
        Map<String, String> sets = large.sets();
        List<String> accounts = large.accounts();
        Planner.Desired desired = Planner.desired(rules, groups, organization, sets);
        Set<Assignment> actual = new HashSet<>();
        Map<Assignment, String> managed = new HashMap<>();
        int[] n = {0};
        desired.forEach((assignment, origin) -> {
            if (n[0]++ % 2 == 0) {
                actual.add(assignment);
                managed.put(assignment, origin.rule());
            }
        });
        for (int i = 0; i < 1000; i++) {
            Assignment stale = Assignment.group(sets.get("AdministratorAccess"), accounts.get(i % 200), LargeOrganization.id(5000 + i));
            actual.add(stale);
            managed.put(stale, "old");
        }

        Plan plan = null;
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            long start = System.nanoTime();
            plan = Planner.plan(rules, groups, organization, sets, actual, managed);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.printf("[assignments] plan for %d groups x %d accounts: %d desired, %d creates, %d deletes,"
                        + " %d unchanged; time per run (ms, first cold): %s%n", groups.size(), accounts.size(),
                plan.desired(), plan.creates().size(), plan.deletes().size(), plan.unchanged(), millis);

        assertEquals(desired.size(), plan.desired());
        assertEquals(1000, plan.deletes().size());
        assertEquals(plan.desired() - plan.unchanged(), plan.creates().size());
    }
}
