package io.scimbridge.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The server's view of {@code <data-dir>/keys}, following {@code token rotate-key} without a
 * restart, the way {@link RevocationList} follows {@code revoked.txt}: each lookup stats the three
 * key files, and when one changed (time, size, or inode: the CLI replaces files by moving new ones
 * in; the kubelet swaps a Secret's folder) the ring is read again.
 *
 * <p>A rotation writes the private key, then the public key. A read in between finds two halves
 * of different pairs: then the ring in use is kept and the files are read again on the next
 * lookup, by which time the rotation is complete. The same if the files cannot be read at all:
 * the keys that were valid a moment ago stay in use, and a warning says why.
 */
public final class LiveSigningKeys implements Supplier<SigningKeyRing> {

    private static final Logger LOG = Logger.getLogger(LiveSigningKeys.class);

    private record Snapshot(List<FileStamp> stamp, SigningKeyRing ring) {}

    private final List<Path> files;
    private final Path dataDir;
    private volatile Snapshot current;
    private List<FileStamp> lastFailure;

    public LiveSigningKeys(Path dataDir) {
        this.dataDir = dataDir;
        Path dir = SigningKeyStore.keysDir(dataDir);
        this.files = List.of(dir.resolve(SigningKeyStore.PRIVATE_KEY_FILE), dir.resolve(SigningKeyStore.PUBLIC_KEY_FILE),
                dir.resolve(SigningKeyStore.PREVIOUS_PUBLIC_KEY_FILE));
        SigningKeyRing ring = SigningKeyStore.loadRing(dataDir);
        this.current = new Snapshot(stamp(List.of()), ring);
    }

    /** The keys as the files are now (one stat per file when nothing changed). */
    @Override
    public SigningKeyRing get() {
        Snapshot snapshot = current;
        List<FileStamp> stamp = stamp(snapshot.stamp());
        return stamp.equals(snapshot.stamp()) ? snapshot.ring() : reload(stamp);
    }

    private synchronized SigningKeyRing reload(List<FileStamp> stamp) {
        Snapshot before = current;
        if (stamp.equals(before.stamp())) {
            return before.ring(); // another request thread reloaded meanwhile
        }
        SigningKeyRing ring;
        try {
            ring = SigningKeyStore.loadRing(dataDir);
        } catch (RuntimeException e) {
            if (!stamp.equals(lastFailure)) {
                LOG.warnf("Keeping signing key %s: cannot read the changed key files in %s: %s", before.ring().current().keyId(),
                        files.get(0).getParent(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                lastFailure = stamp;
            }
            return before.ring();
        }
        if (!SigningKeyStore.isPair(ring.current())) {
            return before.ring(); // caught a rotation between its two writes: read again next time
        }
        current = new Snapshot(stamp, ring);
        lastFailure = null;
        if (!Objects.equals(ring, before.ring())) {
            LOG.infof("Signing key is now %s%s", ring.current().keyId(), ring.previous()
                    .map(p -> "; tokens signed with " + p.keyId() + " are accepted until " + p.acceptedUntil()).orElse(""));
        }
        return ring;
    }

    /** The files' stamps now; {@code last} holds their stamps the last time (or nothing). */
    private List<FileStamp> stamp(List<FileStamp> last) {
        List<FileStamp> now = new java.util.ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            now.add(stamp(files.get(i), i < last.size() ? last.get(i) : FileStamp.ABSENT));
        }
        return now;
    }

    private static FileStamp stamp(Path file, FileStamp last) {
        try {
            return FileStamp.of(file, last);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the signing key file " + file, e);
        }
    }
}
