package io.scimbridge.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;

/**
 * A SQLite connection that keeps its prepared statements for their next use: a statement closed
 * by its user is reset and kept, and the next {@code prepareStatement} of the same SQL takes it
 * back instead of compiling the SQL again.
 *
 * <p>Compiling is most of what a simple statement costs SQLite: measured on the bridge's own
 * store (10,000 users), the existence-check query took 34-37 µs prepared each time and 9.4 µs
 * reused. Hibernate prepares every statement anew, the pool (Agroal) keeps none and the driver
 * (sqlite-jdbc) has no cache of its own (its issue #614 asks for one), so a POST compiled about
 * ten statements. PostgreSQL's driver caches server-side itself; this wraps SQLite only.
 *
 * <p>A kept statement is reset (SQLite ends its read of the store, so it never pins an old
 * snapshot or holds back a checkpoint) and its parameters cleared. Limits its user set on it
 * (timeout, row limit, fetch size) go back to the defaults; a statement given any other setting,
 * or one asked for with generated keys or an unusual result set type, is never kept, nor is one
 * longer than {@link #MAX_SQL_LENGTH}. Each connection keeps at most {@link #CAPACITY} statements,
 * the least recently used going first; they are finalised with the connection.
 */
final class ReusedStatements implements InvocationHandler {

    /** Statements kept per connection: the bridge's hot queries, not every filter an IdP ever sent. */
    static final int CAPACITY = 24;

    /**
     * Longer SQL is compiled each time. A long statement is a list of ids ({@code in (?, ?, ...)},
     * a different text for every length) whose compiled form holds memory for each parameter.
     * With statements of any length kept (64 per connection), the 100,000-user benchmark's peak
     * RSS was 431 MiB, against 378 before. The hot statements are a few hundred characters.
     */
    static final int MAX_SQL_LENGTH = 1_000;

    /** Statement settings restored to their defaults before a statement is kept. */
    private static final Set<String> RESETTABLE = Set.of("setQueryTimeout", "setMaxRows", "setLargeMaxRows",
            "setFetchSize");

    private final SQLiteConnection connection;
    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(CAPACITY, 0.75f, true);
    private Connection self;

    private ReusedStatements(SQLiteConnection connection) {
        this.connection = connection;
    }

    /** The connection, its prepared statements kept for reuse. */
    static Connection wrap(SQLiteConnection connection) {
        ReusedStatements handler = new ReusedStatements(connection);
        handler.self = (Connection) Proxy.newProxyInstance(ReusedStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        return handler.self;
    }

    /**
     * The connection its statements name as theirs ({@code getConnection}) when a proxy in front of
     * it is what its user holds ({@link WriterConnection}).
     */
    static void presentAs(Connection kept, Connection outer) {
        if (Proxy.isProxyClass(kept.getClass()) && Proxy.getInvocationHandler(kept) instanceof ReusedStatements handler) {
            handler.self = outer;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "prepareStatement" -> {
                if (reusable(args) && ((String) args[0]).length() <= MAX_SQL_LENGTH) {
                    return take((String) args[0]);
                }
            }
            case "isWrapperFor" -> {
                if (((Class<?>) args[0]).isInstance(connection)) {
                    return true;
                }
            }
            case "unwrap" -> {
                if (((Class<?>) args[0]).isInstance(connection)) {
                    return connection;
                }
            }
            case "close" -> finaliseIdle();
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            default -> {
                // everything else is the connection's own
            }
        }
        return call(connection, method, args);
    }

    /** {@code prepareStatement(sql)}, or with the defaults spelt out: a forward-only, read-only result. */
    private static boolean reusable(Object[] args) {
        return switch (args.length) {
            case 1 -> true;
            case 2 -> args[1] instanceof Integer keys && keys == Statement.NO_GENERATED_KEYS;
            case 3 -> Integer.valueOf(ResultSet.TYPE_FORWARD_ONLY).equals(args[1])
                    && Integer.valueOf(ResultSet.CONCUR_READ_ONLY).equals(args[2]);
            default -> false;
        };
    }

    private PreparedStatement take(String sql) throws SQLException {
        PreparedStatement kept = idle.remove(sql);
        if (kept == null || kept.isClosed()) {
            kept = connection.prepareStatement(sql);
        }
        Lease lease = new Lease(sql, kept);
        return (PreparedStatement) Proxy.newProxyInstance(ReusedStatements.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, lease);
    }

    /** Resets a statement its user closed and keeps it, unless one for the same SQL is kept already. */
    private void giveBack(Lease lease) throws SQLException {
        PreparedStatement statement = lease.statement;
        if (!lease.keepable || statement.isClosed() || connection.isClosed() || idle.containsKey(lease.sql)) {
            statement.close();
            return;
        }
        try {
            statement.unwrap(CoreStatement.class).pointer.safeRunConsume((db, pointer) -> db.reset(pointer));
            statement.clearParameters();
            statement.clearBatch();
            if (lease.restoreLimits) {
                statement.setQueryTimeout(0);
                statement.setLargeMaxRows(0);
                statement.setFetchSize(0);
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        idle.put(lease.sql, statement);
        if (idle.size() > CAPACITY) {
            Iterator<PreparedStatement> eldest = idle.values().iterator();
            PreparedStatement evicted = eldest.next();
            eldest.remove();
            evicted.close();
        }
    }

    private void finaliseIdle() {
        for (PreparedStatement statement : idle.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection is closing; SQLite finalises what is left with it
            }
        }
        idle.clear();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One use of a kept statement: from {@code prepareStatement} to {@code close}. */
    private final class Lease implements InvocationHandler {
        final String sql;
        final PreparedStatement statement;
        boolean closed;
        boolean keepable = true;
        boolean restoreLimits;

        Lease(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        giveBack(this);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || statement.isClosed();
                }
                case "getConnection" -> {
                    return self;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    if (closed && !name.equals("unwrap") && !name.equals("isWrapperFor")) {
                        throw new SQLException("Statement is closed");
                    }
                    if (method.getDeclaringClass() == Statement.class && name.startsWith("set")) {
                        restoreLimits |= RESETTABLE.contains(name);
                        keepable &= RESETTABLE.contains(name);
                    }
                }
            }
            return call(statement, method, args);
        }
    }
}
