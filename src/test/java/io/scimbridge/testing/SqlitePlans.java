package io.scimbridge.testing;

import io.scimbridge.store.sqlite.SqliteStoreDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/** The embedded store's schema from the real migrations, and SQLite's plan for a query on it. */
public final class SqlitePlans {

    private SqlitePlans() {}

    /** A store in {@code dir} migrated as the bridge migrates it; the caller closes the connection. */
    public static Connection migratedStore(Path dir) throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("store/bridge.db");
        Connection c = new SqliteStoreDriver().connect(url, new Properties());
        SQLiteDataSource flywayDs = new SQLiteDataSource();
        flywayDs.setUrl(url);
        Flyway.configure().dataSource(flywayDs).locations("classpath:db/migration/common", "classpath:db/migration/sqlite")
                .load().migrate();
        return c;
    }

    /** The lines of {@code explain query plan} for {@code sql}. */
    public static String plan(Statement s, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("explain query plan " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }
}
