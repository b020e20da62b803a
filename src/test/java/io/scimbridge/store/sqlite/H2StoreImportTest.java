package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator upgrades a bridge whose data dir an H2 release wrote: nothing it accepted is lost. */
class H2StoreImportTest {

    @TempDir
    Path dataDir;

    @Test
    void everyTableOfTheH2StoreArrivesInSqliteWithItsKeysTimesAndFlags() throws Exception {
        Path store = dataDir.resolve("store");
        Files.createDirectories(store);
        Path h2 = H2StoreImport.h2File(store);
        try (Connection old = H2Release.store(h2)) {
            H2Release.exec(old, "insert into scim_resource (pk, id, source, resource_type, name_key, name_value, external_id,"
                    + " active, document, version, created, last_modified) values"
                    + " (41, 'u-1', 'azure', 'User', 'ada@example.com', 'Ada@example.com', 'x1', false, '{}', 3,"
                    + " timestamp with time zone '2026-01-02 03:04:05.678+00:00', timestamp with time zone '2026-01-02 03:04:06.000+00:00'),"
                    + " (42, 'g-1', 'azure', 'Group', 'ops', 'Ops', null, null, '{}', 1,"
                    + " timestamp with time zone '2026-01-02 03:04:05.678+00:00', timestamp with time zone '2026-01-02 03:04:05.678+00:00')");
            H2Release.exec(old, "insert into scim_attribute (resource_pk, path, elem, str_exact, str_ci, num, bool, ts)"
                    + " values (41, 'username', 0, 'Ada@example.com', 'ada@example.com', null, null, null)");
            H2Release.exec(old, "insert into scim_membership (group_pk, member_pk) values (42, 41)");
            H2Release.exec(old, "insert into ic_outbox (resource_id, resource_type, source, generation, marked_at, attempts,"
                    + " next_attempt_at, dead, priority) values ('u-1', 'User', 'azure', 7,"
                    + " timestamp with time zone '2026-01-02 03:04:05.678+00:00', 2,"
                    + " timestamp with time zone '2026-01-02 03:05:00.000+00:00', false, 0)");
            H2Release.exec(old, "insert into ic_shadow (resource_id, resource_type, source, ic_id, state, updated_at, forwarded)"
                    + " values ('g-1', 'Group', 'azure', 'ic-g-1', '{}', timestamp with time zone '2026-01-02 03:04:05.678+00:00', true)");
            H2Release.exec(old, "insert into ic_shadow_member (group_id, member_id) values ('g-1', 'u-1')");
            H2Release.exec(old, "insert into audit_entry (id, at, source, operation, resource_type, resource_id, status)"
                    + " values (9, timestamp with time zone '2026-01-02 03:04:05.678+00:00', 'azure', 'PATCH', 'User', 'u-1', 200)");
        }

        Path sqliteFile = store.resolve("bridge.db");
        String url = "jdbc:sqlite:" + sqliteFile;
        Flyway.configure().dataSource(new org.sqlite.SQLiteDataSource() {{ setUrl(url); }})
                .locations("classpath:db/migration/common", "classpath:db/migration/sqlite").load().migrate();
        try (Connection sqlite = new SqliteStoreDriver().connect(url, new Properties())) {
            sqlite.setAutoCommit(false);
            assertFalse(H2StoreImport.holdsData(sqlite));
            H2StoreImport.Result result = H2StoreImport.copy(h2, sqlite);
            sqlite.commit();

            assertEquals(java.util.Map.of("scim_resource", 2L, "scim_attribute", 1L, "scim_membership", 1L,
                    "ic_outbox", 1L, "ic_shadow", 1L, "ic_shadow_member", 1L, "ic_dry_run_call", 0L,
                    "managed_assignment", 0L, "audit_entry", 1L), result.rows());
            assertTrue(H2StoreImport.holdsData(sqlite));
            try (Statement s = sqlite.createStatement();
                 ResultSet rs = s.executeQuery("select pk, active, created from scim_resource where id = 'u-1'")) {
                assertTrue(rs.next());
                assertEquals(41, rs.getLong(1));
                assertFalse(rs.getBoolean(2));
                assertEquals(Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli(), rs.getLong(3));
            }
            try (Statement s = sqlite.createStatement();
                 ResultSet rs = s.executeQuery("select generation, priority, dead from ic_outbox")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getLong(1));
                assertEquals(0, rs.getInt(2));
                assertFalse(rs.getBoolean(3));
            }
            // the next user created continues after the imported keys
            H2Release.exec(sqlite, "insert into scim_resource (id, source, resource_type, name_key, name_value, document, version,"
                    + " created, last_modified) values ('u-2', 'azure', 'User', 'bob', 'bob', '{}', 1, 0, 0)");
            try (Statement s = sqlite.createStatement(); ResultSet rs = s.executeQuery("select pk from scim_resource where id = 'u-2'")) {
                rs.next();
                assertTrue(rs.getLong(1) > 42, "pk " + rs.getLong(1));
            }
        }
    }
}
