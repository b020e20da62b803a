package io.scimbridge.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * transaction's statements, commit and rollback run on it. Reads outside write transactions stay
 * on the pooled connections, beside the writer (WAL). Only the writer's holder binds, and only one
 * transaction at a time: a transaction nested in a write transaction on the same thread, or one
 * that went on without the writer after its timeout, keeps its own connection, as before.
 */
final class WriterConnection {

    /** What {@link SingleWriter} asks of a pooled connection. */
    interface Routing {
        /** Routes this connection's calls to the store's writer connection; false when it is in use. */
        boolean bindWriter() throws SQLException;

        /** Routes them back to the connection's own SQLite connection. */
        void unbind() throws SQLException;

        /** The SQLite connection calls go to now (the writer's while bound). */
        SQLiteConnection current();
    }

    /** Opens a SQLite connection to the store, its statements kept ({@link ReusedStatements}). */
    interface Opener {
        Connection open() throws SQLException;
    }

    /** The writer connection of one store file, opened on first use, closed with the last pooled connection. */
    private static final class Shared {
        final Opener opener;
        int users;
        Connection connection;
        boolean bound;

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

    private static final class Handler implements InvocationHandler {
        private final Path file;
        private final Shared shared;
        private final Connection own;
        private final SQLiteConnection ownSqlite;
        /** Where calls go: {@code own}, or the shared writer connection while bound. */
        private volatile Connection target;
        private boolean closed;

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
                case "bindWriter" -> {
                    return bindWriter();
                }
                case "unbind" -> {
                    unbind();
                    return null;
                }
                case "current" -> {
                    return target.unwrap(SQLiteConnection.class);
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
                    // everything else goes where the connection is routed now
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /**
         * Takes the writer connection over with this transaction's state: the pool may already have
         * turned auto-commit off (a deferred BEGIN: no snapshot, no lock yet) on the own connection.
         */
        private boolean bindWriter() throws SQLException {
            Connection writer;
            synchronized (shared) {
                if (shared.bound || target != own) {
                    return false;
                }
                if (shared.connection == null || shared.connection.isClosed()) {
                    shared.connection = shared.opener.open();
                }
                shared.bound = true;
                writer = shared.connection;
            }
            try {
                boolean autoCommit = own.getAutoCommit();
                if (writer.getAutoCommit() != autoCommit) {
                    writer.setAutoCommit(autoCommit);
                }
            } catch (SQLException | RuntimeException e) {
                synchronized (shared) {
                    shared.bound = false;
                }
                throw e;
            }
            target = writer;
            return true;
        }

        /**
         * Gives the writer connection back clean (no transaction left open on it, whatever the pool
         * did or did not reset) and leaves the own connection in the state the transaction ended in.
         */
        private void unbind() throws SQLException {
            Connection writer = target;
            if (writer == own) {
                return;
            }
            target = own;
            try {
                boolean autoCommit = writer.getAutoCommit();
                if (!autoCommit) {
                    writer.rollback();
                    writer.setAutoCommit(true);
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
