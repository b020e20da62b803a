package io.scimbridge.resource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.store.sqlite.SqliteStoreDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

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
        String url = "jdbc:sqlite:" + dir.resolve("store/bridge.db");
        try (Connection c = new SqliteStoreDriver().connect(url, new Properties())) {
            SQLiteDataSource flywayDs = new SQLiteDataSource();
            flywayDs.setUrl(url);
            Flyway.configure().dataSource(flywayDs).locations("classpath:db/migration/common", "classpath:db/migration/sqlite")
                    .load().migrate();
            try (Statement s = c.createStatement()) {
                String plan = plan(s, "explain query plan " + ResourceStore.RESOLVE.replace(":ids", "'a', 'b', 'c'"));
                assertTrue(plan.contains("(id=?)"), "members are found by their id:\n" + plan);
                assertFalse(plan.contains("ix_resource_list"), "not by walking a source's resources:\n" + plan);
            }
        }
    }

    private static String plan(Statement s, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }
}
