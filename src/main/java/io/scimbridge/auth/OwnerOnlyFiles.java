package io.scimbridge.auth;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * File helpers for secrets and their registries: folders 0700 and files 0600 on POSIX
 * filesystems (set at creation, so a secret is never briefly world-readable), best effort
 * elsewhere; and an exclusive lock that works both across processes (the CLI next to a running
 * server) and across threads of one JVM (where {@link FileChannel#lock} alone would throw).
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private OwnerOnlyFiles() {}

    /**
     * Makes {@code dir} exist with owner-only access. Its parents (the data dir) are created with
     * default permissions: their mode is the operator's business, only our folders are tightened.
     */
    static Path ensureDir(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
            } else {
                Files.createDirectory(dir);
                restrictNonPosix(dir);
            }
        } catch (FileAlreadyExistsException exists) {
            tighten(dir);
        }
        return dir;
    }

    /** An existing folder (ours, from an older run or another process): best effort to 0700. */
    private static void tighten(Path dir) {
        if (!POSIX) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(dir).equals(DIR)) {
                Files.setPosixFilePermissions(dir, DIR);
            }
        } catch (IOException | SecurityException notOwner) {
            // not ours to change: keep going, reading still works
        }
    }

    /** Creates {@code file} (which must not exist) readable by the owner only, and writes it. */
    static void createSecret(Path file, byte[] content) throws IOException {
        FileAttribute<?>[] attrs = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
        if (!POSIX) {
            restrictNonPosix(file);
        }
    }

    /**
     * Replaces {@code file} (or creates it) readable by the owner only, atomically: the content is
     * written to a temporary file in the same folder and moved over the old one, so a reader (the
     * running server) sees either the old file or the new one, never half of either.
     */
    static void replaceSecret(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = POSIX
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            if (!POSIX) {
                restrictNonPosix(temp);
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Runs {@code action} holding an exclusive lock on {@code lockFile}, in this JVM and across processes. */
    static <T> T withLock(Path lockFile, IoAction<T> action) throws IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            return action.run();
        } finally {
            local.unlock();
        }
    }

    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException;
    }

    /** Windows and friends: at least take read/write away from everyone but the owner. */
    @SuppressWarnings("ResultOfMethodCallIgnored")
    private static void restrictNonPosix(Path path) {
        var f = path.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
        if (f.isDirectory()) {
            f.setExecutable(false, false);
            f.setExecutable(true, true);
        }
    }
}
