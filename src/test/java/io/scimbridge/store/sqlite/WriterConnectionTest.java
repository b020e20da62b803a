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

    /** What {@link SingleWriter} does when others wait for the writer: the batch stays open for them. */
    private static final WriterConnection.Member LEAVE_OPEN = (routing, batch) -> routing.unbind();

    @Test
    void transactionsCommittedOneAfterAnotherReachTheStoreTogetherInOneSqliteCommit() throws SQLException {
        try (Connection first = open(); Connection second = open(); Connection reader = open()) {
            first.setAutoCommit(false);
            assertTrue(routing(first).bindWriter(LEAVE_OPEN));
            insert(first, "a");
            first.commit();
            assertEquals(0, count(reader), "committed into the batch, not yet into the store");
            WriterConnection.Batch batch = routing(first).openBatch();

            second.setAutoCommit(false);
            assertTrue(routing(second).bindWriter(), "the writer is free for the next transaction at once");
            insert(second, "b");
            second.commit();

            assertTrue(batch.done());
            assertEquals(2, batch.members());
            assertTrue(batch.wrote());
            assertEquals(2, count(reader), "one commit made both part of the store");
            routing(second).unbind();
        }
    }

    @Test
    void aTransactionRolledBackInsideABatchTakesOnlyItsOwnWorkWithIt() throws SQLException {
        try (Connection first = open(); Connection second = open(); Connection reader = open()) {
            WriterConnection.Batch batch = committedAndLeftOpen(first, "kept");

            second.setAutoCommit(false);
            assertTrue(routing(second).bindWriter());
            insert(second, "rolled back");
            second.rollback();
            routing(second).unbind();
            assertSame(batch, routing(second).openBatch(), "the batch is still open, its work still there");

            routing(second).commitBatch(batch);
            batch.throwIfFailed();
            assertEquals(1, count(reader));
        }
    }

    @Test
    void aBatchWhoseCommitFailsFailsEveryTransactionInItAndKeepsNoneOfThem() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement()) {
            // a deferred foreign key is checked by the commit, not by the statement: a commit that fails
            s.execute("create table parent (id integer primary key)");
            s.execute("create table child (parent_id integer references parent (id) deferrable initially deferred)");
        }
        try (Connection first = open(); Connection second = open(); Connection reader = open()) {
            WriterConnection.Batch batch = committedAndLeftOpen(first, "innocent");

            second.setAutoCommit(false);
            assertTrue(routing(second).bindWriter(LEAVE_OPEN));
            try (Statement s = second.createStatement()) {
                s.executeUpdate("insert into child (parent_id) values (42)");
            }
            second.commit();

            routing(second).commitBatch(batch);
            assertTrue(batch.done());
            SQLException failed = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, batch::throwIfFailed);
            assertTrue(failed.getMessage().contains("FOREIGN KEY"), failed.getMessage());
            assertEquals(0, count(reader), "neither transaction reached the store");

            assertTrue(routing(first).bindWriter(), "the writer works again for the next transaction");
            insert(first, "after");
            first.commit();
            routing(first).unbind();
            assertEquals(1, count(reader));
        }
    }

    @Test
    void theWriterConnectionKeepsItsSavepointsPageImagesInMemoryAndTheOthersSpillToFiles() throws SQLException {
        try (Connection pooled = open()) {
            assertEquals(0, tempStore(pooled), "a read's large sort spills to a file, as by default");
            assertTrue(routing(pooled).bindWriter());
            assertEquals(2, tempStore(pooled), "MEMORY: no temporary file written for every batch");
            routing(pooled).unbind();
        }
    }

    private static long tempStore(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("pragma temp_store")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One row written and committed into the writer's batch, which stays open for the next transaction. */
    private static WriterConnection.Batch committedAndLeftOpen(Connection connection, String topic) throws SQLException {
        connection.setAutoCommit(false);
        assertTrue(routing(connection).bindWriter(LEAVE_OPEN));
        insert(connection, topic);
        connection.commit();
        return routing(connection).openBatch();
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
