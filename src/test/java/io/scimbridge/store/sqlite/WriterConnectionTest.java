package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * Write transactions on pooled connections run on the store's one writer connection, whose page
 * cache no other connection's commit empties; everything else stays on the pooled connection.
 */
class WriterConnectionTest {

    @TempDir
    Path dir;

    String url;

    @BeforeEach
    void store() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("store/bridge.db");
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("create table note (topic text)");
        }
    }

    @Test
    void twoPooledConnectionsWriteThroughTheSameSqliteConnectionOneAfterTheOther() throws SQLException {
        try (Connection first = open(); Connection second = open()) {
            SQLiteConnection ownOfFirst = first.unwrap(SQLiteConnection.class);
            assertTrue(routing(first).bindWriter());
            SQLiteConnection writer = routing(first).current();
            assertNotSame(ownOfFirst, writer, "bound: the calls go to the writer connection");
            assertSame(ownOfFirst, first.unwrap(SQLiteConnection.class), "its identity stays its own");
            assertFalse(routing(second).bindWriter(), "one transaction on the writer connection at a time");
            insert(first, "a");
            routing(first).unbind();

            assertTrue(routing(second).bindWriter());
            assertSame(writer, routing(second).current(), "the same writer connection, its cache still warm");
            insert(second, "b");
            routing(second).unbind();
            assertEquals(2, count(second), "read on its own connection again");
        }
    }

    @Test
    void theTransactionThePoolBeganIsTheOneTheWriterConnectionCommitsOrRollsBack() throws SQLException {
        try (Connection pooled = open(); Connection reader = open()) {
            pooled.setAutoCommit(false); // as the pool does when it enlists the connection in a transaction
            assertTrue(routing(pooled).bindWriter());
            insert(pooled, "kept");
            assertEquals(0, count(reader), "not committed yet");
            pooled.commit();
            insert(pooled, "rolled back");
            pooled.rollback();
            routing(pooled).unbind();

            assertEquals(1, count(reader));
            assertFalse(pooled.getAutoCommit(), "the pooled connection is left as the transaction left it");
            pooled.setAutoCommit(true);
        }
    }

    @Test
    void aTransactionLeftOpenOnTheWriterConnectionIsRolledBackWhenItIsGivenBack() throws SQLException {
        try (Connection pooled = open(); Connection next = open(); Connection reader = open()) {
            pooled.setAutoCommit(false);
            assertTrue(routing(pooled).bindWriter());
            insert(pooled, "never committed");
            routing(pooled).unbind();

            assertTrue(routing(next).bindWriter());
            assertTrue(next.getAutoCommit(), "the next transaction starts clean");
            routing(next).unbind();
            assertEquals(0, count(reader));
        }
    }

    @Test
    void theWriterConnectionClosesWithTheLastPooledConnection() throws SQLException {
        Connection first = open();
        Connection second = open();
        assertTrue(routing(first).bindWriter());
        SQLiteConnection writer = routing(first).current();
        routing(first).unbind();
        first.close();
        assertFalse(writer.isClosed(), "another pooled connection still uses it");
        second.close();
        assertTrue(writer.isClosed());
    }

    private static WriterConnection.Routing routing(Connection connection) throws SQLException {
        return connection.unwrap(WriterConnection.Routing.class);
    }

    private static void insert(Connection connection, String topic) throws SQLException {
        try (var ps = connection.prepareStatement("insert into note (topic) values (?)")) {
            ps.setString(1, topic);
            ps.executeUpdate();
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select count(*) from note")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection open() throws SQLException {
        return new SqliteStoreDriver().connect(url, new Properties());
    }
}
