package io.scimbridge.identitycenter.outbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.tools.RunScript;
import org.junit.jupiter.api.Test;

/**
 * An initial sync leaves 100,000 dirty marks; a claim must read about as many of them as it
 * returns, not sort them all (it did: each claim took seconds and delivery crawled). Checked on
 * H2's plan for the real migrations and the real query.
 */
class ClaimQueryPlanTest {

    private static final int MARKS = 5_000;

    @Test
    void aClaimAmongThousandsOfDueMarksReadsOnlyTheRowsItReturns() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:claim-plan", "sa", "")) {
            for (String migration : new String[] {"V1__init.sql", "V2__identity_center.sql", "V3__assignments.sql",
                    "V4__forwarding.sql", "V5__audit.sql", "V6__outbox_claim_index.sql", "V7__outbox_priority.sql"}) {
                run(c, migration);
            }
            try (Statement s = c.createStatement()) {
                s.execute("insert into ic_outbox (resource_id, resource_type, source, generation, marked_at, attempts,"
                        + " next_attempt_at, dead) select random_uuid(), 'User', 'azure', 1,"
                        + " current_timestamp - (x * interval '1' second), 0, current_timestamp - (x * interval '1' second),"
                        + " false from system_range(1, " + MARKS + ")");
                // a few in flight (leased) and a few dead letters, as during a real sync
                s.execute("update ic_outbox set lease_owner = 'other', lease_until = current_timestamp + interval '30' second"
                        + " where resource_id in (select resource_id from ic_outbox order by next_attempt_at limit 4)");
                s.execute("update ic_outbox set dead = true where resource_id in"
                        + " (select resource_id from ic_outbox order by next_attempt_at desc limit 10)");
                String plan = plan(s, "explain analyze " + OutboxQueue.CLAIM_CANDIDATES.replace(":now", "current_timestamp")
                        + " fetch first 8 rows only");
                Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
                assertTrue(scanned.find(), plan);
                assertTrue(Integer.parseInt(scanned.group(1)) <= 8 + 4 + 1,
                        "a claim of 8 read " + scanned.group(1) + " of " + MARKS + " marks:\n" + plan);
                assertTrue(plan.contains("index sorted") && !plan.contains("index sorted:"),
                        "the order comes from the index, not a sort:\n" + plan);
            }
        }
    }

    private static String plan(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void run(Connection c, String migration) throws IOException, SQLException {
        try (Reader r = new InputStreamReader(ClaimQueryPlanTest.class.getResourceAsStream("/db/migration/" + migration),
                StandardCharsets.UTF_8)) {
            RunScript.execute(c, r);
        }
    }
}
