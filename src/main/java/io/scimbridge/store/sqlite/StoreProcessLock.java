package io.scimbridge.store.sqlite;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process per store file. The embedded store's single writer ({@link SingleWriter},
 * {@link WriterConnection}), the run lock of the background flows and the names answered from
 * memory all live in this process; a second bridge started on the same data directory (a rolling
 * update of a single-replica deployment, a copy started by hand) would write beside them unseen:
 * two account-assignment runs at once, existence checks answered "absent" for a name the other
 * process created. So the first connection this process opens to a store file takes an exclusive
 * lock on {@code <file>-lock} beside it and keeps it for the life of the process. The kernel
 * releases it when the process ends, by a kill -9 too, so a crash never leaves the store locked.
 * A process that finds the lock held cannot open the store and says which process holds it.
 */
final class StoreProcessLock {

    /**
     * The lock files' channels, open for the life of the process: on Linux a lock taken through
     * {@code fcntl} goes when <em>any</em> descriptor of that file in the process is closed, so no
     * channel that was opened on a lock file is ever closed once this process holds the lock.
     */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private StoreProcessLock() {}

    /** Takes the lock on {@code storeFile} for this process, once; fails when another process holds it. */
    static void hold(Path storeFile) throws SQLException {
        if (HELD.containsKey(storeFile)) {
            return;
        }
        synchronized (HELD) {
            if (!HELD.containsKey(storeFile)) {
                HELD.put(storeFile, take(storeFile));
            }
        }
    }

    static Path lockFile(Path storeFile) {
        return storeFile.resolveSibling(storeFile.getFileName() + "-lock");
    }

    private static FileChannel take(Path storeFile) throws SQLException {
        Path lockFile = lockFile(storeFile);
        FileChannel channel = null;
        try {
            channel = open(lockFile);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new SQLException("The store " + storeFile + " is in use by another bridge process"
                        + holder(channel) + ". One process per data directory: stop the other one first,"
                        + " or run several replicas on PostgreSQL.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(US_ASCII)), 0);
            channel.force(false);
            return channel;
        } catch (OverlappingFileLockException thisProcessHoldsIt) {
            // taken by an earlier start of the application in this JVM, under another class loader
            // (Quarkus tests restart it); this channel stays open, as closing it would drop that lock
            return channel;
        } catch (IOException e) {
            close(channel);
            throw new SQLException("Cannot lock the store at " + lockFile, e);
        } catch (SQLException inUse) {
            close(channel);
            throw inUse;
        }
    }

    private static FileChannel open(Path lockFile) throws IOException {
        try {
            return FileChannel.open(lockFile, Set.of(CREATE, READ, WRITE),
                    PosixFilePermissions.asFileAttribute(SqliteStoreDriver.OWNER_FILE));
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(lockFile, CREATE, READ, WRITE);
        }
    }

    /** " (pid N)" as the holder wrote it; empty when it cannot be read. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer pid = ByteBuffer.allocate(20);
            channel.read(pid, 0);
            String written = new String(pid.array(), 0, pid.position(), US_ASCII).strip();
            return written.chars().allMatch(Character::isDigit) && !written.isEmpty() ? " (pid " + written + ")" : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** Only where this process holds no lock on the file: another process holds it, or none was taken. */
    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked through it
        }
    }
}
