package io.scimbridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key on disk: created once, owner-only, and the same for every reader. */
class AuthKeyFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void privateKeyIsCreatedOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));

        SigningKeyStore.loadOrCreate(dataDir);

        Path key = SigningKeyStore.privateKeyFile(dataDir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(key.resolveSibling(SigningKeyStore.PUBLIC_KEY_FILE)).startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void existingKeysFolderIsTightened() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(dataDir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));

        SigningKeyStore.loadOrCreate(dataDir);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys"))));
    }

    @Test
    void keysInAReadOnlyFolderAreLoadedWithoutALock() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        SigningKeys created = SigningKeyStore.loadOrCreate(dataDir);
        Path keys = dataDir.resolve("keys");
        Files.deleteIfExists(keys.resolve(".keys.lock"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("r-x------")); // a Secret mount

        try {
            assertEquals(created.keyId(), SigningKeyStore.loadOrCreate(dataDir).keyId());
            assertFalse(Files.exists(keys.resolve(".keys.lock")));
        } finally {
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theKeyIsCreatedOnceAndReloaded() {
        SigningKeys first = SigningKeyStore.loadOrCreate(dataDir);
        SigningKeys again = SigningKeyStore.loadOrCreate(dataDir);

        assertEquals(first.keyId(), again.keyId());
        assertEquals(first.publicKey(), again.publicKey());
        assertEquals("EC", first.privateKey().getAlgorithm());
    }

    @Test
    void concurrentFirstUsesAgreeOnOneKey() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Callable<String>> tasks = IntStream.range(0, 8)
                    .<Callable<String>>mapToObj(i -> () -> SigningKeyStore.loadOrCreate(dataDir).keyId()).toList();
            List<String> ids = pool.invokeAll(tasks).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).distinct().toList();
            assertEquals(1, ids.size(), ids.toString());
        }
    }

    @Test
    void keyMaterialStaysOutOfToString() {
        String text = SigningKeyStore.loadOrCreate(dataDir).toString();
        assertTrue(text.matches("SigningKeys\\[keyId=[A-Za-z0-9_-]{16}]"), text);
    }
}
