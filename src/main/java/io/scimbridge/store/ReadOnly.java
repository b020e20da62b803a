package io.scimbridge.store;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/**
 * Reads that need a transaction only because JPA wants one (background work has no request
 * scope): run in a transaction marked read-only, which the embedded store serves from a WAL
 * snapshot beside the writer instead of queueing it behind the one writer. Inside a transaction
 * already running they simply join it. Only reads belong here: a write would have to win
 * SQLite's own lock, and fail with SQLITE_BUSY when its snapshot is stale (refusing it outright
 * with {@code pragma query_only} would cost two more statements per read transaction).
 */
public final class ReadOnly {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private ReadOnly() {}

    public static <T> T call(Supplier<T> read) {
        if (QuarkusTransaction.isActive()) {
            return read.get();
        }
        ACTIVE.set(Boolean.TRUE);
        try {
            return QuarkusTransaction.requiringNew().call(read::get);
        } finally {
            ACTIVE.remove();
        }
    }

    public static void run(Runnable read) {
        call(() -> {
            read.run();
            return null;
        });
    }

    /** Whether the transaction this thread is starting is read-only (asked when it takes its connection). */
    public static boolean active() {
        return ACTIVE.get() != null;
    }
}
