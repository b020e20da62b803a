package io.scimbridge.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * SingleWriter makes a connection wait for the WAL's fsync when SQLite's commit hook fired while
 * it was taken: a transaction that wrote must be on disk before the IdP's answer, one that only
 * read must not pay for an fsync. This pins down the hook doing exactly that.
 */
class CommitHookTest {

    @TempDir
    Path dir;

    @Test
    void theHookFiresForACommitThatWroteAndNeverForOneThatOnlyRead() throws Exception {
        // the driver itself, not DriverManager: a Quarkus test that ran before may have deregistered it
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("t.db"), new java.util.Properties())) {
            AtomicInteger commits = new AtomicInteger();
            c.unwrap(SQLiteConnection.class).getDatabase().addCommitListener(new SQLiteCommitListener() {
                @Override
                public void onCommit() {
                    commits.incrementAndGet();
                }

                @Override
                public void onRollback() {
                }
            });
            try (Statement s = c.createStatement()) {
                s.execute("pragma journal_mode = wal");
                s.execute("create table t (v text)");
                int afterDdl = commits.get();

                c.setAutoCommit(false);
                s.executeQuery("select count(*) from t").close();
                c.commit();
                assertEquals(afterDdl, commits.get(), "a read-only transaction");

                s.execute("insert into t values ('x')");
                c.commit();
                assertEquals(afterDdl + 1, commits.get(), "a transaction that wrote");

                s.execute("insert into t values ('z')");
                c.rollback();
                assertEquals(afterDdl + 1, commits.get(), "rolled back");

                // an update that matched no row still opened a write transaction: one fsync more
                // than needed, never one less
                s.execute("update t set v = 'y' where v = 'nothing'");
                c.commit();
                assertEquals(afterDdl + 2, commits.get(), "an update that matched nothing");
            }
        }
    }
}
