package io.scimbridge.resource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.testing.SqlitePlans;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member PATCH of 100 members looks them up by id; at 100,000 users, a lookup that also said
 * "source = ?" made SQLite walk the source's whole list index (a store has no statistics, so the
 * planner guesses), 50 ms under the store's one writer per PATCH, and the initial sync crawled.
 * Checked on SQLite's plan for the real migrations and the real query, without ANALYZE.
 */
class MemberLookupQueryPlanTest {

    @TempDir
    Path dir;

    @Test
    void membersAreLookedUpByTheUniqueIdIndex() throws Exception {
        try (Connection c = SqlitePlans.migratedStore(dir); Statement s = c.createStatement()) {
            String plan = SqlitePlans.plan(s, ResourceStore.RESOLVE.replace(":ids", "'a', 'b', 'c'"));
            assertTrue(plan.contains("(id=?)"), "members are found by their id:\n" + plan);
            assertFalse(plan.contains("ix_resource_list"), "not by walking a source's resources:\n" + plan);
        }
    }
}
