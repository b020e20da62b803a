package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every connection the store's driver opens runs with the settings the bridge relies on. */
class SqliteStoreDriverTest {

    @TempDir
    Path dir;

    @Test
    void everyConnectionOpensWithTheStoresSettings() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("store/bridge.db");
        try (Connection first = open(url); Connection second = open(url)) {
            for (Connection connection : new Connection[] {first, second}) {
                assertEquals(1, pragma(connection, "synchronous"), "NORMAL: DurableCommits fsyncs the WAL");
                assertEquals(1, pragma(connection, "foreign_keys"));
                assertEquals(5000, pragma(connection, "busy_timeout"));
                assertEquals(16L << 20, pragma(connection, "journal_size_limit"));
                assertEquals(WalCheckpointer.BACKSTOP_PAGES, pragma(connection, "wal_autocheckpoint"));
            }
        }
    }

    private static long pragma(Connection connection, String name) throws SQLException {
        return SqliteHousekeeping.pragma(connection, name);
    }

    private static Connection open(String url) throws SQLException {
        return new SqliteStoreDriver().connect(url, new Properties());
    }
}
