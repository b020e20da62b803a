package io.scimbridge.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.sqlite.SQLiteConnection;

/**
 * One SQLite connection for every write transaction on a store file, so that its page cache stays
 * warm. In WAL mode SQLite empties a connection's whole page cache when any <em>other</em>
 * connection committed since that connection's last transaction; with writes spread over the
 * pool's 16 connections, every write started cold and read every page it touched again with a
 * system call (about 76 reads per POST, counted with strace). Measured with the pool cut to one
 * connection: the writer's own CPU per POST went from 738 to 458 µs.
 *
 * <p>Each pooled connection is a proxy over its own SQLite connection. {@link SingleWriter}, once it
 * holds the store's one writer for a transaction, {@linkplain Routing#bindWriter binds} the proxy to
 * the shared writer connection: every call until {@link Routing#unbind} goes there, so the
 * transaction's statements run on it. Its transaction is a savepoint in the writer connection's
 * one SQLite transaction: its commit releases the savepoint into the open {@link Batch} (and tells
 * its {@link Member}, which decides when the batch commits), its rollback rolls back to it. One
 * SQLite commit then writes the pages several transactions changed, each once. Reads outside write transactions stay
 * on the pooled connections, beside the writer (WAL). Only the writer's holder binds, and only one
 * transaction at a time: a transaction nested in a write transaction on the same thread, or one
 * that went on without the writer after its timeout, keeps its own connection, as before.
 */
final class WriterConnection {

    /** What {@link SingleWriter} asks of a pooled connection. */
    interface Routing {
        /**
         * Routes this connection's calls to the store's writer connection, its work in a savepoint of
         * the writer's open transaction; false when the writer connection is in use. {@code member}
         * is told when the work commits.
         */
        boolean bindWriter(Member member) throws SQLException;

        /** {@link #bindWriter(Member)}, each commit committing the writer's transaction at once. */
        default boolean bindWriter() throws SQLException {
            return bindWriter(Member.ALONE);
        }

        /** Routes them back to the connection's own SQLite connection, rolling back work not committed. */
        void unbind() throws SQLException;

        /** The SQLite connection calls go to now (the writer's while bound). */
        SQLiteConnection current();

        /**
         * Commits the writer connection's open transaction if it still carries {@code batch}: the
         * caller holds the store's writer. Never throws: a failure is the batch's outcome, and the
         * writer connection is opened anew (its transaction is gone). True when this call committed it.
         * {@code ticket} is asked right after the commit, before anyone waiting for it is woken
         * ({@link DurableCommits#ticket}).
         */
        boolean commitBatch(Batch batch, LongSupplier ticket);

        /** {@link #commitBatch(Batch, LongSupplier)} without a ticket. */
        default boolean commitBatch(Batch batch) {
            return commitBatch(batch, () -> 0L);
        }

        /** The batch of work committed on the writer connection and not yet made part of the store, if any. */
        Batch openBatch();
    }

    /**
     * Told when work bound to the writer connection commits: the work is then part of the writer's
     * open transaction ({@code batch}), which is on disk only once the batch commits.
     */
    interface Member {
        /** Commits each batch at once: the connection stays bound. */
        Member ALONE = (routing, batch) -> {
            routing.commitBatch(batch);
            batch.throwIfFailed();
        };

        /**
         * Called on the committing thread, while bound. It may commit the batch, unbind and wait;
         * it throws when the batch failed, which fails the caller's commit.
         */
        void committed(Routing routing, Batch batch) throws SQLException;
    }

    /**
     * Transactions committed one after another on the writer connection inside its one SQLite
     * transaction, made durable together by its commit.
     */
    static final class Batch {
        private final long startedAt = System.nanoTime();
        private final List<Thread> waiters = new ArrayList<>();
        private int members;
        private boolean wrote;
        private volatile boolean done;
        private volatile SQLException failure;
        private volatile long ticket;

        /** Transactions in it so far. */
        synchronized int members() {
            return members;
        }

        long ageNanos() {
            return System.nanoTime() - startedAt;
        }

        /** Whether any of its transactions changed a row (else its commit needs no fsync). */
        synchronized boolean wrote() {
            return wrote;
        }

        boolean done() {
            return done;
        }

        /** The ticket its committer took right after the commit. */
        long ticket() {
            return ticket;
        }

        /** Waits until it committed or failed, or for {@code nanos} at most; true when it did. */
        boolean await(long nanos) {
            synchronized (this) {
                if (done) {
                    return true;
                }
                waiters.add(Thread.currentThread());
            }
            long deadline = System.nanoTime() + nanos;
            long left;
            boolean interrupted = false;
            while (!done && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
                interrupted |= Thread.interrupted(); // else an interrupted thread would spin here
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                waiters.remove(Thread.currentThread());
            }
            return done;
        }

        /** Throws what made its commit fail, if it failed. */
        void throwIfFailed() throws SQLException {
            SQLException f = failure;
            if (f != null) {
                throw new SQLException("The store's batched commit failed: " + f.getMessage(), f.getSQLState(), f);
            }
        }

        private synchronized void join(boolean changedRows) {
            members++;
            wrote |= changedRows;
        }

        private void finish(SQLException outcome) {
            List<Thread> wake;
            synchronized (this) {
                failure = outcome;
                done = true;
                wake = List.copyOf(waiters);
            }
            wake.forEach(LockSupport::unpark);
        }
    }

    /** Opens a SQLite connection to the store, its statements kept ({@link ReusedStatements}). */
    interface Opener {
        Connection open() throws SQLException;
    }

    /** The writer connection of one store file, opened on first use, closed with the last pooled connection. */
    private static final class Shared {
        final Opener opener;
        int users;
        /** Always inside a SQLite transaction (JDBC auto-commit off): the open batch's, or an empty deferred one. */
        Connection connection;
        boolean bound;
        /** The batch the writer connection's transaction carries; null when it carries nothing committed. */
        Batch open;
        /**
         * A bound connection's uncommitted work is in the writer's savepoint: the batch must not
         * commit meanwhile (it would commit that work too).
         */
        boolean savepoint;

        Shared(Opener opener) {
            this.opener = opener;
        }
    }

    private static final Map<Path, Shared> BY_FILE = new ConcurrentHashMap<>();

    private WriterConnection() {}

    /** {@code own}, routed to the file's writer connection while {@link SingleWriter} binds it. */
    static Connection route(Path file, Connection own, Opener opener) {
        Shared shared = BY_FILE.compute(file, (f, s) -> {
            Shared it = s == null ? new Shared(opener) : s;
            synchronized (it) {
                it.users++;
            }
            return it;
        });
        Handler handler = new Handler(file, shared, own);
        Connection routed = (Connection) Proxy.newProxyInstance(WriterConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class, Routing.class}, handler);
        ReusedStatements.presentAs(own, routed);
        return routed;
    }

    private static final class Handler implements InvocationHandler, Routing {
        private static final String SAVEPOINT = "savepoint bridge_tx";
        private static final String RELEASE = "release bridge_tx";
        private static final String ROLLBACK_TO = "rollback to bridge_tx";

        private final Path file;
        private final Shared shared;
        private final Connection own;
        private final SQLiteConnection ownSqlite;
        /** Where calls go: {@code own}, or the shared writer connection while bound. */
        private volatile Connection target;
        private boolean closed;
        /** While bound: the auto-commit mode the connection's user set (the writer's own stays off). */
        private boolean autoCommit;
        /** While bound: who is told of a commit, and the writer's row changes when the savepoint opened. */
        private Member member;
        private long changesAtStart;

        Handler(Path file, Shared shared, Connection own) {
            this.file = file;
            this.shared = shared;
            this.own = own;
            this.target = own;
            try {
                this.ownSqlite = own.unwrap(SQLiteConnection.class);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "bindWriter", "unbind", "current", "commitBatch", "openBatch" -> {
                    return invokeRouting(method, args);
                }
                case "isWrapperFor" -> {
                    Class<?> type = (Class<?>) args[0];
                    return type.isInstance(proxy) || type.isInstance(ownSqlite) || own.isWrapperFor(type);
                }
                case "unwrap" -> {
                    Class<?> type = (Class<?>) args[0];
                    // the pooled connection's own identity, bound or not ({@link SingleWriter} keys on it)
                    return type.isInstance(proxy) ? proxy : type.isInstance(ownSqlite) ? ownSqlite : own.unwrap(type);
                }
                case "close" -> {
                    close();
                    return null;
                }
                case "isClosed" -> {
                    return own.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    if (target != own) {
                        Object[] answer = transactionControl(method, args);
                        if (answer != null) {
                            return answer[0];
                        }
                    }
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Object invokeRouting(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(this, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /**
         * A bound connection's transaction is a savepoint in the writer's open transaction: its
         * user's commit releases it into the batch, its rollback rolls back to it. Null for calls
         * that go to the writer connection as they are.
         */
        private Object[] transactionControl(Method method, Object[] args) throws SQLException {
            switch (method.getName()) {
                case "getAutoCommit" -> {
                    return new Object[] {autoCommit};
                }
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit) {
                        commitWork(); // JDBC: switching auto-commit on commits
                    }
                    if (target == own) {
                        own.setAutoCommit(on);
                    } else {
                        autoCommit = on;
                    }
                    return new Object[] {null};
                }
                case "commit" -> {
                    if (autoCommit) {
                        throw new SQLException("database in auto-commit mode");
                    }
                    commitWork();
                    return new Object[] {null};
                }
                case "rollback" -> {
                    if (args != null && args.length > 0) {
                        return null; // to a savepoint of the user's own, inside ours
                    }
                    if (autoCommit) {
                        throw new SQLException("database in auto-commit mode");
                    }
                    execute(target, ROLLBACK_TO);
                    changesAtStart = changes(target);
                    return new Object[] {null};
                }
                default -> {
                    return null;
                }
            }
        }

        /** The user's work joins the writer's batch; its member decides what happens next. */
        private void commitWork() throws SQLException {
            Connection writer = target;
            execute(writer, RELEASE);
            savepoint(false);
            Batch batch = joinBatch(changes(writer) != changesAtStart);
            member.committed(this, batch);
            if (target == writer) {
                // still bound: the user's next transaction
                execute(writer, SAVEPOINT);
                savepoint(true);
                changesAtStart = changes(writer);
            }
        }

        private void savepoint(boolean open) {
            synchronized (shared) {
                shared.savepoint = open;
            }
        }

        private Batch joinBatch(boolean changedRows) {
            Batch batch;
            synchronized (shared) {
                if (shared.open == null) {
                    shared.open = new Batch();
                }
                batch = shared.open;
            }
            batch.join(changedRows);
            return batch;
        }

        @Override
        public SQLiteConnection current() {
            try {
                return target.unwrap(SQLiteConnection.class);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Takes the writer connection over with this transaction's state: the pool may already have
         * turned auto-commit off on the own connection (a deferred BEGIN: no snapshot, no lock yet).
         */
        @Override
        public boolean bindWriter(Member member) throws SQLException {
            Connection writer;
            synchronized (shared) {
                if (shared.bound || target != own) {
                    return false;
                }
                if (shared.connection == null || shared.connection.isClosed()) {
                    shared.connection = shared.opener.open();
                    shared.connection.setAutoCommit(false);
                    shared.open = null;
                }
                shared.bound = true;
                writer = shared.connection;
            }
            try {
                autoCommit = own.getAutoCommit();
                execute(writer, SAVEPOINT);
                savepoint(true);
                changesAtStart = changes(writer);
            } catch (SQLException | RuntimeException e) {
                synchronized (shared) {
                    shared.bound = false;
                }
                throw e;
            }
            this.member = member;
            target = writer;
            return true;
        }

        /**
         * Gives the writer connection back, work not committed rolled back (whatever the pool did or
         * did not do), and leaves the own connection in the auto-commit mode the user set.
         */
        @Override
        public void unbind() throws SQLException {
            Connection writer = target;
            if (writer == own) {
                return;
            }
            target = own;
            member = null;
            try {
                if (shared.savepoint && autoCommit) {
                    // in auto-commit mode its statements counted as committed one by one
                    savepoint(false);
                    execute(writer, RELEASE);
                    Batch batch = joinBatch(changes(writer) != changesAtStart);
                    commitBatch(batch);
                    batch.throwIfFailed();
                } else if (shared.savepoint) {
                    savepoint(false);
                    execute(writer, ROLLBACK_TO);
                    execute(writer, RELEASE);
                    if (openBatch() == null) {
                        // nothing to commit: end the transaction, so it holds no snapshot or lock meanwhile
                        writer.rollback();
                    }
                }
                if (own.getAutoCommit() != autoCommit) {
                    own.setAutoCommit(autoCommit);
                }
            } finally {
                synchronized (shared) {
                    shared.bound = false;
                }
            }
        }

        @Override
        public Batch openBatch() {
            synchronized (shared) {
                return shared.open;
            }
        }

        @Override
        public boolean commitBatch(Batch batch, LongSupplier ticket) {
            Connection writer;
            synchronized (shared) {
                if (shared.open != batch || batch.done() || shared.savepoint) {
                    return false;
                }
                shared.open = null;
                writer = shared.connection;
            }
            SQLException outcome = null;
            try {
                writer.commit(); // sqlite-jdbc: COMMIT, then a deferred BEGIN for the next batch
                batch.ticket = ticket.getAsLong();
            } catch (SQLException e) {
                outcome = e;
                discardWriter(writer);
            }
            batch.finish(outcome);
            return outcome == null;
        }

        /** After a failed commit the writer's transaction state is unknown: the next bind opens a new one. */
        private void discardWriter(Connection writer) {
            synchronized (shared) {
                if (shared.connection == writer) {
                    shared.connection = null;
                }
            }
            try {
                writer.close();
            } catch (SQLException ignored) {
                // closing rolls back whatever SQLite still held
            }
        }

        private static void execute(Connection connection, String sql) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.execute();
            }
        }

        private static long changes(Connection connection) throws SQLException {
            return connection.unwrap(SQLiteConnection.class).getDatabase().total_changes();
        }

        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                unbind();
            } finally {
                Connection[] last = new Connection[1];
                BY_FILE.computeIfPresent(file, (f, s) -> {
                    synchronized (s) {
                        if (s == shared && --s.users == 0) {
                            last[0] = s.connection;
                            return null;
                        }
                    }
                    return s;
                });
                try {
                    if (last[0] != null) {
                        last[0].close();
                    }
                } finally {
                    own.close();
                }
            }
        }
    }
}
