package io.scimbridge.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Group commit for the SQLite store: makes every commit that has returned durable (its WAL frames
 * fsynced) with as few fsyncs as possible.
 *
 * <p>SQLite runs with {@code synchronous=NORMAL}: a commit appends to the WAL without an fsync
 * (only checkpoints sync). Such a commit survives a kill -9 (it is in the OS's page cache) but not
 * a power loss. A thread whose transaction wrote calls {@link #await()} after its commit and before
 * it answers: the first waiter fsyncs the WAL file (fsync covers every write to the file, whoever
 * made it), the others that committed before that fsync began wait for it, those who come later
 * wait for the next one. Under load one fsync (~2.5 ms here) covers dozens of commits; alone it
 * costs what {@code synchronous=FULL} would.
 *
 * <p>When the WAL file is gone (the last connection closed, which checkpoints and syncs the database
 * file first) there is nothing to sync. When it was created anew, its directory is synced too, so
 * the new file itself survives a power loss.
 */
public final class DurableCommits {

    private final Runnable fsync;
    private final Object monitor = new Object();
    private long requested;
    private long synced;
    private boolean syncing;
    private Object lastWalKey;
    private long fsyncs;

    public DurableCommits(Path databaseFile) {
        this(new WalFsync(databaseFile.resolveSibling(databaseFile.getFileName() + "-wal")));
    }

    /** With another way to make the file durable (tests hold it to see commits share one fsync). */
    DurableCommits(Runnable fsync) {
        this.fsync = fsync;
    }

    /** Returns once everything committed before this call is on disk. */
    public void await() {
        long ticket;
        synchronized (monitor) {
            ticket = ++requested;
        }
        while (true) {
            long target;
            synchronized (monitor) {
                while (synced < ticket && syncing) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for the store's fsync", e);
                    }
                }
                if (synced >= ticket) {
                    return;
                }
                syncing = true;
                target = requested;
            }
            boolean done = false;
            try {
                fsync.run();
                done = true;
            } finally {
                synchronized (monitor) {
                    syncing = false;
                    if (done) {
                        synced = Math.max(synced, target);
                        fsyncs++;
                    }
                    monitor.notifyAll();
                }
            }
        }
    }

    /** How many fsyncs made commits durable so far (the benchmark reports commits per fsync). */
    public long fsyncs() {
        synchronized (monitor) {
            return fsyncs;
        }
    }

    /** Commits that have asked for durability so far. */
    long requested() {
        synchronized (monitor) {
            return requested;
        }
    }

    /** fsync of the WAL file, and of its directory when the file is new. */
    private static final class WalFsync implements Runnable {

        private final Path wal;
        private Object lastWalKey;

        WalFsync(Path wal) {
            this.wal = wal;
        }

        @Override
        public void run() {
            try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.READ)) {
                channel.force(false);
                Object key = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
                if (key == null || !key.equals(lastWalKey)) {
                    try (FileChannel dir = FileChannel.open(wal.getParent(), StandardOpenOption.READ)) {
                        dir.force(true);
                    }
                    lastWalKey = key;
                }
            } catch (NoSuchFileException checkpointedAndClosed) {
                // the last connection checkpointed the WAL into the database file (synced) and removed it
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot fsync the store's WAL " + wal, e);
            }
        }
    }
}
