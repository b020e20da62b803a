package io.scimbridge.store.sqlite;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one writer of the SQLite store. SQLite allows one write transaction at a time; left to
 * itself, a second writer polls with sleeps (busy handler) or fails at once when its snapshot is
 * stale (a read transaction that turns into a write). Taking this lock when a transaction starts,
 * in the bridge's own process, hands the store from writer to writer without either.
 *
 * <p>Re-entrant for the thread that holds it (a transaction suspended for a nested one); released
 * by whichever thread ends the transaction (a transaction timeout ends it on the reaper's thread).
 */
final class WriterLock {

    private Thread owner;
    private int holds;

    /** False when the store stayed busy for {@code timeout}. */
    synchronized boolean acquire(Duration timeout) throws InterruptedException {
        Thread me = Thread.currentThread();
        if (owner == me) {
            holds++;
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (owner != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        owner = me;
        holds = 1;
        return true;
    }

    synchronized void release() {
        if (holds > 0 && --holds == 0) {
            owner = null;
            notifyAll();
        }
    }
}
