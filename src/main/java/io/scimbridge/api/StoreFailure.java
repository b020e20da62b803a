package io.scimbridge.api;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * What a failure says about the store, read from the whole chain of an exception: its causes
 * and the suppressed ones (a failed commit, a RollbackException, carries the driver's exception
 * only as a suppressed XAException's cause). Whichever exception reaches JAX-RS on top.
 */
enum StoreFailure {
    /** The unique index on names refused a row: two requests raced to create the same name. */
    NAME_TAKEN,
    /** SQLState class 22 (data exception): a value of the request the database can't hold or compare. */
    BAD_VALUE,
    /** No connection to the database: down, restarting, or no pooled connection in time. */
    UNREACHABLE,
    /**
     * Reachable but busy: a lock or statement timed out, a deadlock or serialization failure, or
     * the transaction timed out and the reaper rolled it back. Retrying later works.
     */
    BUSY,
    /** Nothing store-related: a bug. */
    NONE;

    /** Guards against cyclic or absurdly long chains. */
    private static final int MAX_EXCEPTIONS = 64;

    /**
     * SQLStates of lock and timeout failures: 40001 serialization failure and 40P01 deadlock
     * (PostgreSQL, H2), 55P03 lock not available and 57014 statement cancelled by its timeout
     * (PostgreSQL), HYT00 lock or query timeout (H2).
     */
    private static final Set<String> BUSY_STATES = Set.of("40001", "40P01", "55P03", "57014", "HYT00");

    /**
     * Lower-case message fragments of the same, for drivers without SQLStates. SQLite (the
     * embedded store the team is moving to) reports SQLITE_BUSY / SQLITE_LOCKED (and their
     * extended codes such as SQLITE_BUSY_SNAPSHOT) in its messages, with no SQLState; the last
     * three are what Hibernate and Agroal say when the reaper has already rolled the transaction back.
     */
    private static final List<String> BUSY_MESSAGES = List.of("sqlite_busy", "sqlite_locked", "database is locked",
            "database table is locked", "lock timeout", "timeout trying to lock",
            "transaction was rolled back in a different thread", "failing fast as the transaction has rolled back",
            "enlisted connection used without active transaction");

    static StoreFailure of(Throwable e) {
        StoreFailure found = NONE;
        for (Throwable t : chain(e)) {
            StoreFailure kind = ofOne(t);
            if (kind == NAME_TAKEN || kind == BAD_VALUE) {
                return kind; // caused by the request: retrying would not help, so it wins
            }
            if (found == NONE || kind == UNREACHABLE) {
                found = kind;
            }
        }
        return found;
    }

    private static StoreFailure ofOne(Throwable t) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        String state = t instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
        // PostgreSQL names the unique constraint, SQLite its columns
        if (message.contains("uq_resource_name") || message.contains("scim_resource.name_key")) {
            return NAME_TAKEN;
        }
        if (state.startsWith("22")) {
            return BAD_VALUE;
        }
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof JDBCConnectionException || state.startsWith("08") || state.startsWith("57P0")
                || (t instanceof SQLException && message.contains("acquisition timeout"))) {
            return UNREACHABLE;
        }
        if (t instanceof LockTimeoutException || t instanceof PessimisticLockException || t instanceof QueryTimeoutException
                || t instanceof org.hibernate.PessimisticLockException || t instanceof org.hibernate.QueryTimeoutException
                || t instanceof LockAcquisitionException || t instanceof SQLTimeoutException
                || t instanceof SQLTransactionRollbackException || BUSY_STATES.contains(state)
                || BUSY_MESSAGES.stream().anyMatch(message::contains)) {
            return BUSY;
        }
        // Narayana's "ARJUNA016102: The transaction is not active!" at commit: the transaction
        // reaper ended it because it outlived its timeout (nothing else ends ours underneath).
        if (t instanceof RollbackException && (message.contains("not active") || message.contains("timeout")
                || message.contains("timed out"))) {
            return BUSY;
        }
        return NONE;
    }

    private static List<Throwable> chain(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> next = new ArrayDeque<>(List.of(e));
        while (!next.isEmpty() && seen.size() < MAX_EXCEPTIONS) {
            Throwable t = next.poll();
            if (seen.add(t)) {
                if (t.getCause() != null) {
                    next.add(t.getCause());
                }
                next.addAll(List.of(t.getSuppressed()));
            }
        }
        return List.copyOf(seen);
    }
}
