package io.scimbridge.store.sqlite;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * The one writer of the SQLite store. SQLite allows one write transaction at a time; left to
 * itself, a second writer polls with sleeps (busy handler) or fails at once when its snapshot is
 * stale (a read transaction that turns into a write). Taking this lock when a transaction starts,
 * in the bridge's own process, hands the store from writer to writer without either.
 *
 * <p>Handed over in order, to one waiter at a time: waking every waiter at each release (as a
 * monitor's notifyAll does) cost the front-door benchmark more CPU than the writes themselves on
 * two cores, with dozens of request threads in line. The IdP's requests go first: they wait for
 * their answer, while background work (delivery) is asynchronous anyway. But never for long: a
 * background waiter that has waited {@code backgroundPatience} goes next, so that under a
 * sustained stream of IdP writes delivery still progresses, and a leaver's change still leaves
 * within milliseconds (first come, first served alone let a 100,000-user sync starve nobody; this
 * keeps that bound).
 *
 * <p>Re-entrant for the thread that holds it (a transaction suspended for a nested one); released
 * by whichever thread ends the transaction (a transaction timeout ends it on the reaper's thread).
 */
final class WriterLock {

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final long since = System.nanoTime();
        volatile boolean granted;
    }

    private final long patienceNanos;
    private final ArrayDeque<Waiter> foreground = new ArrayDeque<>();
    private final ArrayDeque<Waiter> background = new ArrayDeque<>();
    private Thread owner;
    private int holds;

    WriterLock(Duration backgroundPatience) {
        this.patienceNanos = backgroundPatience.toNanos();
    }

    /** False when the store stayed busy for {@code timeout}. */
    boolean acquire(Duration timeout, boolean inBackground) throws InterruptedException {
        Waiter me;
        synchronized (this) {
            Thread thread = Thread.currentThread();
            if (owner == thread) {
                holds++;
                return true;
            }
            if (owner == null && foreground.isEmpty() && background.isEmpty()) {
                owner = thread;
                holds = 1;
                return true;
            }
            me = new Waiter();
            (inBackground ? background : foreground).addLast(me);
        }
        long deadline = me.since + timeout.toNanos();
        while (!me.granted) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.interrupted()) {
                synchronized (this) {
                    if (me.granted) {
                        return true; // handed over just now: keep it
                    }
                    foreground.remove(me);
                    background.remove(me);
                }
                if (left > 0) {
                    throw new InterruptedException();
                }
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        return true;
    }

    synchronized void release() {
        if (holds == 0 || --holds > 0) {
            return;
        }
        Waiter next = next();
        owner = next == null ? null : next.thread;
        if (next != null) {
            holds = 1;
            next.granted = true;
            LockSupport.unpark(next.thread);
        }
    }

    private Waiter next() {
        Waiter oldestBackground = background.peekFirst();
        if (oldestBackground != null
                && (foreground.isEmpty() || System.nanoTime() - oldestBackground.since >= patienceNanos)) {
            return background.pollFirst();
        }
        return foreground.pollFirst();
    }

    /** Threads in line for the writer (tests). */
    synchronized int waiting() {
        return foreground.size() + background.size();
    }
}
