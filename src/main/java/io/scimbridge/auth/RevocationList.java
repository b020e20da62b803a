package io.scimbridge.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The server's view of {@code revoked.txt}. Each lookup costs one stat: when the file's
 * modification time or size changed since the last read (the CLI appended), it is re-read.
 * Size is part of the stamp because some filesystems keep mtime to the second only, and
 * appends always grow the file. No polling thread, and a revocation is seen on the next request.
 */
public final class RevocationList {

    private record Snapshot(FileStamp stamp, Set<String> ids) {}

    private final Path file;
    private volatile Snapshot current = new Snapshot(null, Set.of());

    public RevocationList(Path revokedFile) {
        this.file = revokedFile;
    }

    public boolean isRevoked(String jti) {
        FileStamp stamp = stamp();
        Snapshot snapshot = current;
        if (!stamp.equals(snapshot.stamp())) {
            snapshot = reload(stamp);
        }
        return snapshot.ids().contains(jti);
    }

    private synchronized Snapshot reload(FileStamp stamp) {
        if (stamp.equals(current.stamp())) {
            return current; // another request thread reloaded it meanwhile
        }
        Snapshot fresh = new Snapshot(stamp, Set.copyOf(TokenRegistry.readRevoked(file).keySet()));
        current = fresh;
        return fresh;
    }

    private FileStamp stamp() {
        try {
            return FileStamp.of(file, current.stamp());
        } catch (IOException e) {
            // fail closed: if we cannot tell whether a token was revoked, we do not accept it
            throw new UncheckedIOException("Cannot check the revocation list " + file, e);
        }
    }
}
