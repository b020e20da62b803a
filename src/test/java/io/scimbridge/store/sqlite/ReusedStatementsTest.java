package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;

/** The store's connections keep their prepared statements, and a kept one never holds the store back. */
class ReusedStatementsTest {

    private static final String COUNT = "select count(*) from note where topic = ?";

    @TempDir
    Path dir;

    private Connection request;
    private Connection other;

    @BeforeEach
    void open() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("store/bridge.db");
        request = new SqliteStoreDriver().connect(url, new Properties());
        other = new SqliteStoreDriver().connect(url, new Properties());
        try (Statement ddl = request.createStatement()) {
            ddl.execute("create table note (id integer primary key, topic text not null)");
        }
        insert(other, "a");
    }

    @AfterEach
    void close() throws SQLException {
        request.close();
        other.close();
    }

    @Test
    void aClosedStatementIsTakenBackByTheNextPrepareOfTheSameSql() throws SQLException {
        CoreStatement first;
        try (PreparedStatement ps = request.prepareStatement(COUNT)) {
            first = ps.unwrap(CoreStatement.class);
            assertEquals(1, count(ps, "a"));
        }
        try (PreparedStatement ps = request.prepareStatement(COUNT)) {
            assertSame(first, ps.unwrap(CoreStatement.class), "compiled once, used twice");
            assertEquals(0, count(ps, "b"), "its old parameter is gone");
        }
    }

    @Test
    void aStatementLeftMidResultHoldsNoSnapshotOnceClosed() throws SQLException {
        try (PreparedStatement ps = request.prepareStatement("select id from note")) {
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next()); // left open, mid-read, as a stream nobody finished would leave it
        }
        insert(other, "a");
        insert(other, "a");
        try (Statement checkpoint = other.createStatement();
             ResultSet rs = checkpoint.executeQuery("pragma wal_checkpoint(TRUNCATE)")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "no reader holds the checkpoint back");
        }
        try (PreparedStatement ps = request.prepareStatement(COUNT)) {
            assertEquals(3, count(ps, "a"), "the kept connection sees the other's writes");
        }
    }

    @Test
    void aStatementGivenASettingOtherThanItsLimitsIsNotKept() throws SQLException {
        CoreStatement first;
        try (PreparedStatement ps = request.prepareStatement(COUNT)) {
            first = ps.unwrap(CoreStatement.class);
            ps.setPoolable(false);
            count(ps, "a");
        }
        assertTrue(first.pointer.isClosed(), "finalised, not kept");
        try (PreparedStatement ps = request.prepareStatement(COUNT)) {
            assertNotSame(first, ps.unwrap(CoreStatement.class));
        }
    }

    @Test
    void limitsAStatementWasGivenGoBackToTheDefaults() throws SQLException {
        try (PreparedStatement ps = request.prepareStatement("select id from note")) {
            ps.setMaxRows(1);
            ps.setQueryTimeout(7);
            ps.executeQuery().close();
        }
        insert(other, "a");
        try (PreparedStatement ps = request.prepareStatement("select id from note")) {
            assertEquals(0, ps.getMaxRows());
            assertEquals(0, ps.getQueryTimeout());
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next() && rs.next(), "both rows, no row limit left over");
        }
    }

    @Test
    void aClosedLeaseCannotBeUsedAndTheConnectionStillUnwrapsToSqlite() throws SQLException {
        PreparedStatement ps = request.prepareStatement(COUNT);
        ps.close();
        assertTrue(ps.isClosed());
        assertThrows(SQLException.class, () -> ps.setString(1, "a"));
        assertTrue(request.isWrapperFor(SQLiteConnection.class));
        assertSame(request, ps.getConnection());
    }

    @Test
    void statementsAskedForGeneratedKeysAreNeverKept() throws SQLException {
        CoreStatement first;
        try (PreparedStatement ps = request.prepareStatement("insert into note (topic) values (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            first = ps.unwrap(CoreStatement.class);
            ps.setString(1, "c");
            ps.executeUpdate();
        }
        assertTrue(first.pointer.isClosed());
    }

    @Test
    void aLongListOfIdsIsCompiledEachTimeNotKept() throws SQLException {
        String ids = "?" + ", ?".repeat(ReusedStatements.MAX_SQL_LENGTH / 3);
        CoreStatement first;
        try (PreparedStatement ps = request.prepareStatement("select count(*) from note where topic in (" + ids + ")")) {
            first = ps.unwrap(CoreStatement.class);
        }
        assertTrue(first.pointer.isClosed(), "finalised: its compiled form is as large as its list");
    }

    private static int count(PreparedStatement ps, String topic) throws SQLException {
        ps.setString(1, topic);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void insert(Connection connection, String topic) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into note (topic) values (?)")) {
            ps.setString(1, topic);
            ps.executeUpdate();
        }
    }
}
