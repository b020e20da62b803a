package io.scimbridge.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for the SQLite store: makes every commit that has returned durable (its WAL frames
 * fsynced) with as few fsyncs as possible.
 *
 * <p>SQLite runs with {@code synchronous=NORMAL}: a commit appends to the WAL without an fsync
 * (only checkpoints sync). Such a commit survives a kill -9 (it is in the OS's page cache) but not
 * a power loss. A thread whose transaction wrote calls {@link #await()} after its commit and before
 * it answers: the first waiter fsyncs the WAL file (fsync covers every write to the file, whoever
 * made it), those who come while it runs wait for the next one, which the first of them runs.
 * Under load one fsync (~2.5 ms here) covers dozens of commits; alone it costs what
 * {@code synchronous=FULL} would.
 *
 * <p>When the WAL file is gone (the last connection closed, which checkpoints and syncs the database
 * file first) there is nothing to sync. When it was created anew, its directory is synced too, so
 * the new file itself survives a power loss.
 */
public final class DurableCommits {

    /**
     * The commits one fsync makes durable: those that asked while the previous fsync ran. Its
     * waiters sleep until it is done, or until they are made its leader (who runs the fsync);
     * nobody else is woken by it. A monitor with notifyAll woke every waiting request thread
     * (dozens under load) at each fsync, to find that most had to wait for the next one.
     */
    private static final class Batch {
        final List<Thread> waiters = new ArrayList<>();
        volatile boolean done;
        volatile Thread leader;
        /** While its fsync runs: the last ticket it covers (every commit with a ticket up to it had returned). */
        long covers;
    }

    private final Runnable fsync;
    private final Object lock = new Object();
    private final AtomicLong tickets = new AtomicLong();
    /** The batch new commits join; its fsync begins once the running one has ended. */
    private Batch open = new Batch();
    /** The batch whose fsync runs, if any. */
    private Batch running;
    private boolean syncing;
    private long requested;
    private long fsyncs;

    public DurableCommits(Path databaseFile) {
        this(new WalFsync(databaseFile.resolveSibling(databaseFile.getFileName() + "-wal")));
    }

    /** With another way to make the file durable (tests hold it to see commits share one fsync). */
    DurableCommits(Runnable fsync) {
        this.fsync = fsync;
    }

    /**
     * A ticket for a commit that has just returned: {@link #await(long)} with it waits for an fsync
     * that began after the commit, and no later one. Taken by whoever ran the commit, for those
     * who wait for it (the members of a batch, who wake up after it).
     */
    public long ticket() {
        return tickets.incrementAndGet();
    }

    /** Returns once everything committed before this call is on disk. */
    public void await() {
        await(ticket());
    }

    /**
     * Returns once the commit {@code ticket} was taken for is on disk: it joins the fsync that runs
     * if that began after the commit, else the next one.
     */
    public void await(long ticket) {
        Thread me = Thread.currentThread();
        Batch batch;
        synchronized (lock) {
            requested++;
            if (running != null && running.covers >= ticket) {
                batch = running;
                batch.waiters.add(me);
            } else if (syncing) {
                batch = open;
                batch.waiters.add(me);
            } else {
                syncing = true;
                batch = open;
                open = new Batch();
                batch.leader = me;
            }
        }
        boolean interrupted = false;
        while (!batch.done && batch.leader != me) {
            LockSupport.park(this);
            // an fsync takes milliseconds: finish waiting, keep the interrupt for the caller
            interrupted |= Thread.interrupted();
        }
        try {
            if (!batch.done) {
                lead(batch);
            }
        } finally {
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    /** Runs the batch's fsync, wakes its waiters and makes the next batch's first waiter its leader. */
    private void lead(Batch batch) {
        boolean synced = false;
        try {
            synchronized (lock) {
                batch.covers = tickets.get();
                running = batch;
            }
            fsync.run();
            synced = true;
        } finally {
            List<Thread> wake = new ArrayList<>();
            synchronized (lock) {
                running = null;
                if (synced) {
                    batch.done = true;
                    fsyncs++;
                    wake.addAll(batch.waiters);
                }
                // after a failure the batch goes again, led by one of its own waiters if it has any
                Batch next = !synced && !batch.waiters.isEmpty() ? batch : open;
                if (next.waiters.isEmpty()) {
                    syncing = false;
                } else {
                    if (next == open) {
                        open = new Batch();
                    }
                    next.leader = next.waiters.remove(0);
                    wake.add(next.leader);
                }
            }
            wake.forEach(LockSupport::unpark);
        }
    }

    /** How many fsyncs made commits durable so far (the benchmark reports commits per fsync). */
    public long fsyncs() {
        synchronized (lock) {
            return fsyncs;
        }
    }

    /** Commits that have asked for durability so far. */
    long requested() {
        synchronized (lock) {
            return requested;
        }
    }

    /**
     * fsync of the WAL file, and of its directory when the file is new. The file stays open
     * between fsyncs (opening it each time cost a tenth of a request thread's CPU under load); a
     * stat tells whether it is still the same file, since SQLite removes the WAL when its last
     * connection closes and the next one creates it again. Run by one thread at a time (the
     * batch's leader).
     */
    private static final class WalFsync implements Runnable {

        private final Path wal;
        private FileChannel channel;
        private Object channelKey;

        WalFsync(Path wal) {
            this.wal = wal;
        }

        @Override
        public void run() {
            try {
                Object key = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
                boolean newFile = channel == null || key == null || !key.equals(channelKey);
                if (newFile) {
                    close();
                    channel = FileChannel.open(wal, StandardOpenOption.READ);
                    channelKey = key;
                }
                channel.force(false);
                if (newFile) {
                    try (FileChannel dir = FileChannel.open(wal.getParent(), StandardOpenOption.READ)) {
                        dir.force(true);
                    }
                }
            } catch (NoSuchFileException checkpointedAndClosed) {
                // the last connection checkpointed the WAL into the database file (synced) and removed it
                close();
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("Cannot fsync the store's WAL " + wal, e);
            }
        }

        private void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // read-only: nothing of ours is lost with it
                }
                channel = null;
                channelKey = null;
            }
        }
    }
}
