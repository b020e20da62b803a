package io.scimbridge.identitycenter.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.testing.SqlitePlans;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An initial sync leaves 100,000 dirty marks; a claim must read about as many of them as it
 * returns, not sort them all (on H2 it did: each claim took seconds and delivery crawled). Checked
 * on SQLite's plan for the real migrations and the real query: the order comes from
 * ix_ic_outbox_due, so a LIMIT stops after the rows it returns.
 */
class ClaimQueryPlanTest {

    private static final int MARKS = 5_000;

    @TempDir
    Path dir;

    @Test
    void aClaimAmongThousandsOfDueMarksReadsTheIndexInClaimOrder() throws Exception {
        try (Connection c = SqlitePlans.migratedStore(dir)) {
            long now = System.currentTimeMillis();
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into ic_outbox (resource_id, resource_type, source,"
                    + " generation, marked_at, attempts, next_attempt_at, dead, priority) values (?, 'User', 'azure', 1, ?, 0, ?, ?, ?)")) {
                for (int i = 1; i <= MARKS; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setLong(2, now - i * 1000L);
                    insert.setLong(3, now - i * 1000L);
                    insert.setBoolean(4, i <= 10); // a few dead letters, as during a real sync
                    insert.setInt(5, i % 50 == 0 ? 0 : 1); // and a few leavers
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("analyze");
                String plan = SqlitePlans.plan(s, OutboxQueue.CLAIM_CANDIDATES.replace(":now", String.valueOf(now))
                        + " limit 16");
                assertTrue(plan.contains("USING INDEX ix_ic_outbox_due"), "the claim reads ix_ic_outbox_due:\n" + plan);
                assertFalse(plan.contains("TEMP B-TREE"), "the order comes from the index, not a sort:\n" + plan);
            }
        }
    }
}
