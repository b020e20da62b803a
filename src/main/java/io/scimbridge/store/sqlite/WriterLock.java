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
 * two cores, with dozens of request threads in line. While the one chosen wakes up, a running
 * IdP write may overtake it, briefly ({@link #OVERTAKE_WINDOW}). The IdP's requests go first: they wait for
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
        /** When it was first made the next owner; 0 before that (guarded by the lock). */
        long chosenAt;
    }

    /**
     * How long the waiter chosen to go next may be overtaken while it wakes up. A parked thread
     * takes from tens of microseconds to milliseconds to run again on a busy machine; handing the
     * store to it and waiting left the one writer idle that long at every hand-over (measured: the
     * writer held 2.3-2.8 ms per POST, its own work a fraction of that). A writer that is running
     * and asks meanwhile goes first instead; the chosen one is overtaken for this long at most,
     * in all, and then gets the store before anyone else. Only the IdP's writes overtake.
     */
    static final Duration OVERTAKE_WINDOW = Duration.ofMillis(2);

    private final long patienceNanos;
    private final long overtakeNanos;
    private final ArrayDeque<Waiter> foreground = new ArrayDeque<>();
    private final ArrayDeque<Waiter> background = new ArrayDeque<>();
    private Thread owner;
    private int holds;
    /** The waiter the last release chose; it takes the store when it runs, unless overtaken. */
    private Waiter next;

    WriterLock(Duration backgroundPatience) {
        this(backgroundPatience, OVERTAKE_WINDOW);
    }

    WriterLock(Duration backgroundPatience, Duration overtakeWindow) {
        this.patienceNanos = backgroundPatience.toNanos();
        this.overtakeNanos = overtakeWindow.toNanos();
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
            if (owner == null && (next == null || !inBackground && System.nanoTime() - next.chosenAt < overtakeNanos)) {
                owner = thread;
                holds = 1;
                return true;
            }
            me = new Waiter();
            (inBackground ? background : foreground).addLast(me);
        }
        long deadline = me.since + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            boolean interrupted = Thread.interrupted();
            synchronized (this) {
                if (owner == null && next == me) {
                    foreground.remove(me);
                    background.remove(me);
                    next = null;
                    owner = me.thread;
                    holds = 1;
                    return true;
                }
                if (left <= 0 || interrupted) {
                    foreground.remove(me);
                    background.remove(me);
                    if (next == me) {
                        chooseNext();
                    }
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    return false;
                }
            }
            LockSupport.parkNanos(this, left);
        }
    }

    synchronized void release() {
        if (holds == 0 || --holds > 0) {
            return;
        }
        owner = null;
        chooseNext();
    }

    /** Picks who goes next (the IdP's writes first, delivery after its patience) and wakes it. */
    private void chooseNext() {
        Waiter oldestBackground = background.peekFirst();
        next = oldestBackground != null
                && (foreground.isEmpty() || System.nanoTime() - oldestBackground.since >= patienceNanos)
                ? oldestBackground : foreground.peekFirst();
        if (next != null) {
            if (next.chosenAt == 0) {
                next.chosenAt = System.nanoTime();
            }
            LockSupport.unpark(next.thread);
        }
    }

    /** Threads in line for the writer (tests). */
    synchronized int waiting() {
        return foreground.size() + background.size();
    }
}
