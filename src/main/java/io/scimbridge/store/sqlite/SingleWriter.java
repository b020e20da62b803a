package io.scimbridge.store.sqlite;

import io.agroal.api.AgroalPoolInterceptor;
import io.scimbridge.store.Background;
import io.scimbridge.store.ReadOnly;
import io.scimbridge.store.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Serialises the SQLite store's write transactions and makes each durable before its caller goes
 * on (and so before the IdP is answered). A pool interceptor, so that no service has to remember
 * either: a connection taken inside a transaction takes the {@link WriterLock} and runs on the
 * store's writer connection ({@link WriterConnection}). Its commit joins the writer's open batch,
 * gives the lock back and returns once the batch has committed and, if it changed rows, once
 * {@link DurableCommits} has made it durable; it fails if either failed. A transaction that ends
 * otherwise gives the lock back when its connection returns to the pool; one that wrote on a
 * connection of its own (SQLite's commit hook says so) then waits for {@link DurableCommits}. Connections taken
 * outside a transaction or in a {@link ReadOnly} one run beside the writer: WAL gives them a
 * consistent snapshot without waiting.
 *
 * <p>A no-op for any other database (PostgreSQL has its own locks and fsyncs its own commits).
 */
@ApplicationScoped
public class SingleWriter implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(SingleWriter.class);

    /** What a pooled connection did since it was taken from the pool. */
    private final class Use implements SQLiteCommitListener, WriterConnection.Member {
        final DurableCommits durable;
        /** A write transaction committed on this (own) connection since it was taken (SQLite's commit hook). */
        volatile boolean committed;
        boolean holdsLock;
        long lockedAt;
        /** The transaction runs on the store's writer connection ({@link WriterConnection}). */
        boolean bound;

        Use(DurableCommits durable) {
            this.durable = durable;
        }

        @Override
        public void onCommit() {
            committed = true;
        }

        @Override
        public void onRollback() {
            // nothing became durable
        }

        /**
         * The transaction's work joined the writer connection's batch. The batch commits now when
         * nobody is waiting for the writer (or it is full or old enough); otherwise the next writer's
         * work joins it, and this thread lets the writer go and waits for whoever commits it. Either
         * way the caller's commit returns once the batch is on disk, and fails if it failed.
         */
        @Override
        public void committed(WriterConnection.Routing routing, WriterConnection.Batch batch) throws SQLException {
            try {
                if (lock.waiting() == 0 || batch.members() >= MAX_BATCH || batch.ageNanos() >= MAX_BATCH_AGE.toNanos()) {
                    commit(routing, batch, durable);
                }
            } finally {
                bound = false;
                routing.unbind();
                releaseLock(this);
            }
            awaitBatch(routing, batch, durable);
            batch.throwIfFailed();
            if (batch.wrote()) {
                durableCommits.increment();
                try {
                    durable.await(batch.ticket());
                } catch (java.io.UncheckedIOException e) {
                    throw new SQLException(e.getMessage(), e.getCause());
                }
            }
        }
    }

    /**
     * Most transactions one batch carries. What a batch saves is the pages its members share (the
     * tables' and append-only indexes' last leaves), which eight already share almost entirely;
     * batches of up to 32 took in nearly every writer in line, which then all waited for the same
     * commit and fsync while the writer stood idle: in the front-door benchmark the sync at 16
     * connections took 57 s instead of 44, POSTs at 16 connections 819-977 a second instead of
     * 1,179 (measured before {@link DurableCommits#ticket} spared members a second fsync too).
     * With eight, the next batch fills while the last one commits and syncs.
     */
    static final int MAX_BATCH = 8;

    /** Oldest a batch gets before the next commit ends it, whoever waits. */
    static final Duration MAX_BATCH_AGE = Duration.ofMillis(5);

    /**
     * How long a member waits for its batch before it ends the batch itself: only when the writer
     * went to a waiter that then gave up (a timeout) and nobody else came.
     */
    static final Duration BATCH_RESCUE = Duration.ofMillis(20);

    private final TransactionManager transactions;
    private final Duration lockTimeout;
    /**
     * How long delivery's writes let the IdP's go first. Long enough for a burst of the IdP's
     * writes (a fraction of a millisecond each) to pass; short against a delivery's own calls to
     * Identity Center (tens of milliseconds), so delivery keeps its pace.
     */
    static final Duration BACKGROUND_PATIENCE = Duration.ofMillis(20);

    private final WriterLock lock = new WriterLock(BACKGROUND_PATIENCE);
    private final Map<SQLiteConnection, Use> uses = new ConcurrentHashMap<>();
    private final Map<Path, DurableCommits> durableByFile = new ConcurrentHashMap<>();
    private final LongAdder writeTransactions = new LongAdder();
    private final LongAdder durableCommits = new LongAdder();
    private final LongAdder writerHeldNanos = new LongAdder();
    private final LongAdder sqliteCommits = new LongAdder();

    /**
     * What the store's writes cost since the start: transactions that took the writer, those of
     * them (and other connections' commits) that wrote and waited to be durable, the fsyncs that
     * made them so, how long the writer was held in all (its rate is how busy the one writer is:
     * near one second a second, writes queue for it), and the SQLite commits of the writer
     * connection's batches (write transactions per commit: how many shared one). Zero on PostgreSQL.
     */
    public record Counts(long writeTransactions, long durableCommits, long fsyncs, long writerHeldNanos,
                         long sqliteCommits) {}

    public Counts counts() {
        return new Counts(writeTransactions.sum(), durableCommits.sum(),
                durableByFile.values().stream().mapToLong(DurableCommits::fsyncs).sum(), writerHeldNanos.sum(),
                sqliteCommits.sum());
    }

    /** Transactions in line for the writer (tests). */
    int waiting() {
        return lock.waiting();
    }

    public SingleWriter(TransactionManager transactions, StoreConfig config) {
        this.transactions = transactions;
        this.lockTimeout = config.store().writeLockTimeout();
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        SQLiteConnection sqlite = sqlite(connection);
        if (sqlite == null) {
            return;
        }
        Use use = uses.computeIfAbsent(sqlite, this::newUse);
        use.committed = false;
        if (inTransaction() && !ReadOnly.active()) {
            use.holdsLock = takeLock();
            use.lockedAt = System.nanoTime();
            writeTransactions.increment();
            if (use.holdsLock && !use.bound) {
                use.bound = bindWriter(connection, use);
            }
        }
    }

    /**
     * Moves the transaction onto the store's writer connection, whose page cache the other
     * connections' commits never empty; false when the connection stays on its own (nested in
     * another write transaction of this thread, or not a routed connection).
     */
    private static boolean bindWriter(Connection connection, Use use) {
        try {
            return connection.isWrapperFor(WriterConnection.Routing.class)
                    && connection.unwrap(WriterConnection.Routing.class).bindWriter(use);
        } catch (SQLException e) {
            // the transaction runs on its own connection, as without the writer connection
            LOG.debugf("Not on the store's writer connection: %s", e.toString());
            return false;
        }
    }

    private Use newUse(SQLiteConnection c) {
        Use u = new Use(durableFor(c));
        // SQLite calls the hook for a commit that wrote, never for one that only read
        c.getDatabase().addCommitListener(u);
        return u;
    }


    /**
     * Waits for the writer. When that takes longer than the timeout the transaction goes on
     * without the lock: SQLite's own locking still keeps the store consistent, and a write that
     * cannot get SQLite's lock either fails with SQLITE_BUSY, which the request answers with 503
     * and Retry-After. (Failing here, inside the pool's checkout, would leave the connection
     * enlisted in a transaction that never got it.)
     */
    private boolean takeLock() {
        try {
            if (lock.acquire(lockTimeout, Background.active())) {
                return true;
            }
            LOG.debugf("The store's writer was busy for %s; going on under SQLite's own lock", lockTimeout);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        SQLiteConnection sqlite = sqlite(connection);
        Use use = sqlite == null ? null : uses.get(sqlite);
        if (use == null) {
            return;
        }
        if (use.bound) {
            // not committed (rolled back, or given back without either): its work is undone
            use.bound = false;
            unbindWriter(connection);
        }
        if (use.holdsLock) {
            endIdleBatch(connection, use.durable);
            releaseLock(use);
        }
        if (use.committed) {
            durableCommits.increment();
            use.durable.await();
        }
    }

    private void commit(WriterConnection.Routing routing, WriterConnection.Batch batch, DurableCommits durable) {
        if (routing.commitBatch(batch, durable::ticket)) {
            sqliteCommits.increment();
        }
    }

    private void releaseLock(Use use) {
        if (use.holdsLock) {
            use.holdsLock = false;
            writerHeldNanos.add(System.nanoTime() - use.lockedAt);
            lock.release();
        }
    }

    /** A batch nobody will join, its members waiting: committed before the writer goes, rather than after their rescue wait. */
    private void endIdleBatch(Connection connection, DurableCommits durable) {
        try {
            if (lock.waiting() == 0 && connection.isWrapperFor(WriterConnection.Routing.class)) {
                WriterConnection.Routing routing = connection.unwrap(WriterConnection.Routing.class);
                WriterConnection.Batch open = routing.openBatch();
                if (open != null) {
                    commit(routing, open, durable);
                }
            }
        } catch (SQLException e) {
            LOG.debugf("Could not end the store's open batch: %s", e.toString());
        }
    }

    /** Waits for the batch; ends it itself in the rare case that nobody else will. */
    private void awaitBatch(WriterConnection.Routing routing, WriterConnection.Batch batch, DurableCommits durable) {
        boolean interrupted = false;
        // a commit takes milliseconds: finish waiting, keep the interrupt for the caller
        while (!batch.await(BATCH_RESCUE.toNanos())) {
            interrupted |= Thread.interrupted();
            if (takeLock()) {
                try {
                    commit(routing, batch, durable);
                } finally {
                    lock.release();
                }
            }
        }
        if (interrupted || Thread.interrupted()) {
            Thread.currentThread().interrupt();
        }
    }

    /** Back to the connection's own SQLite connection, before the next writer may take the writer's. */
    private static void unbindWriter(Connection connection) {
        try {
            connection.unwrap(WriterConnection.Routing.class).unbind();
        } catch (SQLException e) {
            LOG.warnf("Could not give the store's writer connection back cleanly: %s", e.toString());
        }
    }

    @Override
    public void onConnectionDestroy(Connection connection) {
        SQLiteConnection sqlite = sqlite(connection);
        if (sqlite != null) {
            uses.remove(sqlite);
        }
    }

    /** The store's group commit, for the file this connection has open. */
    private DurableCommits durableFor(SQLiteConnection connection) {
        String url = connection.getDatabase().getUrl();
        Path file = url.startsWith(SqliteStoreDriver.PREFIX) ? SqliteStoreDriver.databaseFile(url) : Path.of(url);
        return durableByFile.computeIfAbsent(file.toAbsolutePath(), DurableCommits::new);
    }

    private boolean inTransaction() {
        try {
            return transactions.getStatus() == Status.STATUS_ACTIVE;
        } catch (SystemException e) {
            return false;
        }
    }

    private static SQLiteConnection sqlite(Connection connection) {
        try {
            return connection.isWrapperFor(SQLiteConnection.class) ? connection.unwrap(SQLiteConnection.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
