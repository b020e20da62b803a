package io.scimbridge.store.sqlite;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The one writer of the SQLite store. SQLite allows one write transaction at a time; left to
 * itself, a second writer polls with sleeps (busy handler) or fails at once when its snapshot is
 * stale (a read transaction that turns into a write). Taking this lock when a transaction starts,
 * in the bridge's own process, hands the store from writer to writer without either.
 *
 * <p>First come, first served: under a sustained stream of IdP writes a waiter that lost every
 * race (delivery, a leaver's change) would otherwise wait past its timeout, as a 100,000-user sync
 * showed. Re-entrant for the thread that holds it (a transaction suspended for a nested one);
 * released by whichever thread ends the transaction (a transaction timeout ends it on the reaper's
 * thread).
 */
final class WriterLock {

    private final ArrayDeque<Thread> waiting = new ArrayDeque<>();
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
        waiting.addLast(me);
        try {
            while (owner != null || waiting.peekFirst() != me) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            waiting.removeFirst();
            owner = me;
            holds = 1;
            return true;
        } finally {
            if (owner != me) {
                // timed out or interrupted: out of the line, and the one behind may now be first
                waiting.remove(me);
                notifyAll();
            }
        }
    }

    synchronized void release() {
        if (holds > 0 && --holds == 0) {
            owner = null;
            notifyAll();
        }
    }

    /** Threads in line for the writer (tests). */
    synchronized int waiting() {
        return waiting.size();
    }
}
