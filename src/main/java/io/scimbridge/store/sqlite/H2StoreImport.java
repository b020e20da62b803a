package io.scimbridge.store.sqlite;

import io.scimbridge.store.NativeValues;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Copies a store written by the releases that kept it in H2 ({@code store/bridge.mv.db}) into the
 * SQLite store: every table the bridge owns, rows as they are, surrogate keys included (memberships
 * and index rows refer to them, Okta pages by them). Plain JDBC on two connections; the caller owns
 * the SQLite transaction, so the import is all or nothing.
 */
public final class H2StoreImport {

    /**
     * The bridge's tables, parents before children. Flyway's history is not copied: the SQLite
     * store has its own, and the schemas are the same (V1..V7 of both).
     */
    static final List<String> TABLES = List.of("scim_resource", "scim_attribute", "scim_membership", "ic_outbox",
            "ic_shadow", "ic_shadow_member", "ic_dry_run_call", "managed_assignment", "audit_entry");

    /** Rows copied per table, in {@link #TABLES} order. */
    public record Result(Map<String, Long> rows) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private H2StoreImport() {}

    /** The H2 database file an earlier release left in this store directory, if any. */
    public static Path h2File(Path storeDirectory) {
        return storeDirectory.resolve("bridge.mv.db");
    }

    /** Opens the H2 file read-only and copies it into {@code target}, inside the caller's transaction. */
    public static Result copy(Path h2File, Connection target) throws SQLException {
        String base = h2File.toAbsolutePath().toString();
        base = base.substring(0, base.length() - ".mv.db".length());
        Properties credentials = new Properties();
        credentials.setProperty("user", "bridge");
        credentials.setProperty("password", "");
        try (Connection source = new org.h2.Driver().connect("jdbc:h2:file:" + base
                + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE", credentials)) {
            if (source == null) {
                throw new SQLException("The H2 driver refused " + base);
            }
            Set<String> present = tables(source);
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : TABLES) {
                copied.put(table, present.contains(table) ? copyTable(source, target, table) : 0L);
            }
            return new Result(copied);
        }
    }

    /** Whether the SQLite store holds anything the IdP or delivery wrote (then there is nothing to import into). */
    public static boolean holdsData(Connection target) throws SQLException {
        for (String table : TABLES) {
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("select 1 from " + table + " limit 1")) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the H2 file goes once imported: kept as a backup, under a name no release opens. */
    public static Path backupName(Path h2File) {
        return h2File.resolveSibling("bridge-h2-imported-backup.mv.db");
    }

    private static Set<String> tables(Connection source) throws SQLException {
        Set<String> names = new java.util.HashSet<>();
        try (ResultSet rs = source.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static long copyTable(Connection source, Connection target, String table) throws SQLException {
        List<String> targetColumns = columns(target, table);
        try (Statement select = source.createStatement()) {
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery("select * from " + table)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Integer> sourceIndexes = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                    if (targetColumns.contains(name)) {
                        sourceIndexes.add(i);
                        names.add(name);
                    }
                }
                String sql = "insert into " + table + " (" + String.join(", ", names) + ") values ("
                        + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
                long rows = 0;
                try (PreparedStatement insert = target.prepareStatement(sql)) {
                    while (rs.next()) {
                        for (int i = 0; i < sourceIndexes.size(); i++) {
                            bind(insert, i + 1, rs.getObject(sourceIndexes.get(i)));
                        }
                        insert.addBatch();
                        if (++rows % 1000 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
                return rows;
            }
        }
    }

    private static List<String> columns(Connection target, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("select * from " + table + " limit 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Timestamps as the bridge stores them on SQLite (UTC, epoch milliseconds); the rest as they are. */
    private static void bind(PreparedStatement insert, int index, Object value) throws SQLException {
        Instant instant = switch (value) {
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case Timestamp t -> t.toInstant();
            case Instant i -> i;
            case null, default -> null;
        };
        if (instant != null) {
            NativeValues.setTimestamp(insert, index, instant);
        } else if (value instanceof java.sql.Clob clob) {
            insert.setString(index, clob.getSubString(1, (int) clob.length()));
        } else {
            insert.setObject(index, value);
        }
    }
}
