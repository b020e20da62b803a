package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits leave the WAL to the checkpointer's thread; the checkpointer copies it all back. */
class WalCheckpointerTest {

    @TempDir
    Path dir;

    @Test
    void commitsBelowTheBackstopLeaveTheWalAloneAndTheCheckpointerCopiesItBack() throws SQLException {
        Path file = dir.resolve("store/bridge.db");
        String url = "jdbc:sqlite:" + file;
        try (Connection writer = open(url)) {
            assertEquals(WalCheckpointer.BACKSTOP_PAGES, pragma(writer, "wal_autocheckpoint"));
            try (Statement ddl = writer.createStatement()) {
                ddl.execute("create table note (id integer primary key, text text not null)");
            }
            try (PreparedStatement insert = writer.prepareStatement("insert into note (text) values (?)")) {
                for (int i = 0; i < 1500; i++) {
                    insert.setString(1, "note " + i);
                    insert.executeUpdate(); // one commit each, at least one WAL frame each
                }
            }
            Path wal = file.resolveSibling("bridge.db-wal");
            assertTrue(size(wal) > 1500L * 4096, "1,500 commits still in the WAL: no commit checkpointed (SQLite's own"
                    + " would have at 1,000 pages and started the WAL over)");

            try (Connection checkpointer = open(url)) {
                assertEquals(0, WalCheckpointer.checkpoint(checkpointer), "every frame copied back into the file");
            }
            assertEquals(1500, count(writer));
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select count(*) from note")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long pragma(Connection connection, String name) throws SQLException {
        return SqliteHousekeeping.pragma(connection, name);
    }

    private static Connection open(String url) throws SQLException {
        return new SqliteStoreDriver().connect(url, new Properties());
    }
}
