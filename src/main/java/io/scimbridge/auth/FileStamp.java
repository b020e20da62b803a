package io.scimbridge.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a file looked like when last read (modified time, size, inode), so that a change to it,
 * an atomic replace included, is noticed without reading it. Taken on every authenticated request
 * (the signing keys, the revocation list), so a missing file is recognised without an exception:
 * profiled under the front-door benchmark, the two NoSuchFileExceptions per request were the
 * bridge's most frequent allocation of stack traces. One system call per file: a file that was
 * there is stat'ed directly (the rare removal throws), one that was absent is only looked for.
 */
record FileStamp(FileTime modified, long size, Object fileKey) {

    static final FileStamp ABSENT = new FileStamp(FileTime.fromMillis(0), -1, null);

    /**
     * The file's stamp, {@link #ABSENT} when it does not exist; an unreadable file throws.
     *
     * @param last the file's stamp the last time, to choose the cheaper call
     */
    static FileStamp of(Path file, FileStamp last) throws IOException {
        if (ABSENT.equals(last) && !Files.exists(file)) {
            return ABSENT;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey());
        } catch (NoSuchFileException removedMeanwhile) {
            return ABSENT;
        }
    }
}
