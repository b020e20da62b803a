package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        try (Connection old = h2(h2)) {
            for (int v = 1; v <= 7; v++) {
                runScript(old, v);
            }
            exec(old, "insert into scim_resource (pk, id, source, resource_type, name_key, name_value, external_id,"
                    + " active, document, version, created, last_modified) values"
                    + " (41, 'u-1', 'azure', 'User', 'ada@example.com', 'Ada@example.com', 'x1', false, '{}', 3,"
                    + " timestamp with time zone '2026-01-02 03:04:05.678+00:00', timestamp with time zone '2026-01-02 03:04:06.000+00:00'),"
                    + " (42, 'g-1', 'azure', 'Group', 'ops', 'Ops', null, null, '{}', 1,"
                    + " timestamp with time zone '2026-01-02 03:04:05.678+00:00', timestamp with time zone '2026-01-02 03:04:05.678+00:00')");
            exec(old, "insert into scim_attribute (resource_pk, path, elem, str_exact, str_ci, num, bool, ts)"
                    + " values (41, 'username', 0, 'Ada@example.com', 'ada@example.com', null, null, null)");
            exec(old, "insert into scim_membership (group_pk, member_pk) values (42, 41)");
            exec(old, "insert into ic_outbox (resource_id, resource_type, source, generation, marked_at, attempts,"
                    + " next_attempt_at, dead, priority) values ('u-1', 'User', 'azure', 7,"
                    + " timestamp with time zone '2026-01-02 03:04:05.678+00:00', 2,"
                    + " timestamp with time zone '2026-01-02 03:05:00.000+00:00', false, 0)");
            exec(old, "insert into ic_shadow (resource_id, resource_type, source, ic_id, state, updated_at, forwarded)"
                    + " values ('g-1', 'Group', 'azure', 'ic-g-1', '{}', timestamp with time zone '2026-01-02 03:04:05.678+00:00', true)");
            exec(old, "insert into ic_shadow_member (group_id, member_id) values ('g-1', 'u-1')");
            exec(old, "insert into audit_entry (id, at, source, operation, resource_type, resource_id, status)"
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
            exec(sqlite, "insert into scim_resource (id, source, resource_type, name_key, name_value, document, version,"
                    + " created, last_modified) values ('u-2', 'azure', 'User', 'bob', 'bob', '{}', 1, 0, 0)");
            try (Statement s = sqlite.createStatement(); ResultSet rs = s.executeQuery("select pk from scim_resource where id = 'u-2'")) {
                rs.next();
                assertTrue(rs.getLong(1) > 42, "pk " + rs.getLong(1));
            }
        }
    }

    private static Connection h2(Path file) throws SQLException {
        String base = file.toString().substring(0, file.toString().length() - ".mv.db".length());
        Properties p = new Properties();
        p.setProperty("user", "bridge");
        p.setProperty("password", "");
        return new org.h2.Driver().connect("jdbc:h2:file:" + base, p);
    }

    /** The release before SQLite ran the same migrations on H2 (they were portable then). */
    private static void runScript(Connection c, int version) throws IOException, SQLException {
        String dir = "db/migration/postgresql/";
        String name = switch (version) {
            case 1 -> "V1__init.sql";
            case 2 -> "V2__identity_center.sql";
            case 3 -> "V3__assignments.sql";
            case 4 -> "V4__forwarding.sql";
            case 5 -> "V5__audit.sql";
            case 6 -> "V6__outbox_claim_index.sql";
            default -> "V7__outbox_priority.sql";
        };
        try (InputStream in = H2StoreImportTest.class.getClassLoader().getResourceAsStream(dir + name)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    exec(c, statement);
                }
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
