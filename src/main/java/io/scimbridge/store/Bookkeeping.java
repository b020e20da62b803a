package io.scimbridge.store;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes that record what has already happened elsewhere and would be found out again if lost:
 * Identity Center's answer to a call whose intent was recorded before it, a delivery completed.
 * They commit like any other, but the embedded store does not make the caller wait for their fsync:
 * a kill -9 keeps them (they are in the operating system's cache), a power loss can lose only the
 * last of them, never one that came before a durable commit (the WAL is a sequence), and what is
 * lost is recomputed: the intent still recorded makes the next delivery look Identity Center up,
 * a mark not cleared delivers again and finds nothing to send. Every commit the IdP's answer
 * depends on still waits for its fsync, which covers these too.
 */
public final class Bookkeeping {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private Bookkeeping() {}

    public static void run(Runnable write) {
        ACTIVE.set(Boolean.TRUE);
        try {
            QuarkusTransaction.requiringNew().run(write);
        } finally {
            ACTIVE.remove();
        }
    }

    /** Whether the transaction this thread is starting records bookkeeping (asked when it takes its connection). */
    public static boolean active() {
        return ACTIVE.get() != null;
    }
}
