package io.scimbridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing-key rotation on disk and in the verifier, with a clock the test moves: the old key's
 * tokens are accepted until the cut-over and refused after, the new key signs from the moment of
 * the rotation, and a second rotation inside the cut-over is refused unless forced.
 */
class SigningKeyRotationTest {

    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final Instant CUT_OVER = NOW.plus(Duration.ofDays(30));

    @TempDir
    Path dataDir;

    private AuthSettings settings;
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

    @BeforeEach
    void settings() {
        settings = AuthSettings.defaults(dataDir);
    }

    @Test
    void rotationKeepsTheOldPublicKeyUntilTheCutOver() {
        SigningKeys before = SigningKeyStore.loadOrCreate(dataDir);

        KeyRotation.Rotated rotated = assertInstanceOf(KeyRotation.Rotated.class,
                SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, false));

        SigningKeyRing ring = SigningKeyStore.loadRing(dataDir);
        assertEquals(rotated.newKeyId(), ring.current().keyId());
        assertNotEquals(before.keyId(), ring.current().keyId());
        assertEquals(before.keyId(), rotated.previousKeyId());
        assertEquals(Optional.of(new PreviousSigningKey(before.keyId(), before.publicKey(), CUT_OVER)), ring.previous());
        assertEquals(Optional.empty(), rotated.dropped());
    }

    @Test
    void oldTokensPassUntilTheCutOverAndAreRefusedAfterNewTokensPassThroughout() throws Exception {
        String oldToken = mint("azure");
        SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, false);
        String newToken = mint("azure");
        TokenVerifier verifier = liveVerifier();

        assertEquals("azure", verifier.verify(oldToken, ProtectedApi.SCIM).source());
        assertEquals("azure", verifier.verify(newToken, ProtectedApi.SCIM).source());

        now.set(CUT_OVER.minusSeconds(1));
        verifier.verify(oldToken, ProtectedApi.SCIM);

        now.set(CUT_OVER);
        TokenRejectedException refused = assertThrows(TokenRejectedException.class, () -> verifier.verify(oldToken, ProtectedApi.SCIM));
        assertEquals("Token is signed with a retired key", refused.detail());
        assertTrue(refused.tokenId() != null, "a genuine token's id is logged");
        verifier.verify(newToken, ProtectedApi.SCIM);
    }

    @Test
    void tokensWithoutAKeyIdAreCheckedAgainstTheCurrentKey() throws Exception {
        SigningKeys keys = SigningKeyStore.loadOrCreate(dataDir);
        IssuedToken t = new IssuedToken("no-kid", "okta", false, NOW, NOW.plusSeconds(3600));
        String withoutKid = TokenMinter.claims(settings, t).jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256)
                .sign(keys.privateKey());

        assertEquals("okta", liveVerifier().verify(withoutKid, ProtectedApi.SCIM).source());
    }

    @Test
    void aSecondRotationInsideTheCutOverIsRefusedUnlessForced() {
        SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, false);
        String firstPrevious = SigningKeyStore.loadRing(dataDir).previous().orElseThrow().keyId();
        String current = SigningKeyStore.loadRing(dataDir).current().keyId();

        KeyRotation.Refused refused = assertInstanceOf(KeyRotation.Refused.class,
                SigningKeyStore.rotate(dataDir, CUT_OVER.plus(Duration.ofDays(30)), NOW.plusSeconds(60), false));
        assertEquals(firstPrevious, refused.previousKeyId());
        assertEquals(CUT_OVER, refused.acceptedUntil());
        assertEquals(current, SigningKeyStore.loadRing(dataDir).current().keyId(), "nothing changed");

        KeyRotation.Rotated forced = assertInstanceOf(KeyRotation.Rotated.class,
                SigningKeyStore.rotate(dataDir, CUT_OVER.plus(Duration.ofDays(30)), NOW.plusSeconds(60), true));
        assertEquals(Optional.of(firstPrevious), forced.dropped());
        assertEquals(current, SigningKeyStore.loadRing(dataDir).previous().orElseThrow().keyId());
    }

    @Test
    void afterTheCutOverRotatingAgainNeedsNoForce() {
        SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, false);

        assertInstanceOf(KeyRotation.Rotated.class, SigningKeyStore.rotate(dataDir, CUT_OVER.plus(Duration.ofDays(30)), CUT_OVER, false));
    }

    @Test
    void aTokenOfAKeyRotatedAwayTwiceIsRefusedAsRetired() throws Exception {
        String oldest = mint("azure");
        SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, false);
        SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, true);

        TokenRejectedException refused = assertThrows(TokenRejectedException.class,
                () -> liveVerifier().verify(oldest, ProtectedApi.SCIM));
        assertEquals("Token is signed with a retired or unknown key", refused.detail());
    }

    @Test
    void theServerFollowsTheKeyFilesWithoutRestart() throws Exception {
        LiveSigningKeys live = new LiveSigningKeys(dataDir);
        SigningKeyRing before = live.get();
        assertSame(before, live.get(), "unchanged files: the same ring, no re-read");

        SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, false);

        SigningKeyRing after = live.get();
        assertNotEquals(before.current().keyId(), after.current().keyId());
        assertEquals(before.current().keyId(), after.previous().orElseThrow().keyId());
    }

    @Test
    void halfARotationIsNotPickedUp() throws Exception {
        LiveSigningKeys live = new LiveSigningKeys(dataDir);
        String keyId = live.get().current().keyId();
        // another pair's private key next to the current public key: what a reader sees between the two writes
        Path other = Files.createTempDirectory(dataDir, "other");
        SigningKeyStore.loadOrCreate(other);
        Path keys = dataDir.resolve("keys");
        OwnerOnlyFiles.replaceSecret(keys.resolve(SigningKeyStore.PRIVATE_KEY_FILE),
                Files.readAllBytes(other.resolve("keys").resolve(SigningKeyStore.PRIVATE_KEY_FILE)));

        assertEquals(keyId, live.get().current().keyId());

        OwnerOnlyFiles.replaceSecret(keys.resolve(SigningKeyStore.PUBLIC_KEY_FILE),
                Files.readAllBytes(other.resolve("keys").resolve(SigningKeyStore.PUBLIC_KEY_FILE)));
        assertEquals(SigningKeyStore.loadOrCreate(other).keyId(), live.get().current().keyId());
    }

    @Test
    void everyKeyFileStaysOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        SigningKeyStore.rotate(dataDir, CUT_OVER, NOW, false);

        try (Stream<Path> files = Files.list(dataDir.resolve("keys"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals(".keys.lock")).toList()) {
                assertTrue(file.getFileName().toString().endsWith(".pem"), "left behind: " + file);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
        String previous = Files.readString(dataDir.resolve("keys").resolve(SigningKeyStore.PREVIOUS_PUBLIC_KEY_FILE));
        assertTrue(previous.startsWith("Accepted until: " + CUT_OVER + "\n"), previous);
        assertTrue(previous.contains("-----BEGIN PUBLIC KEY-----"), previous);
    }

    @Test
    void theRegistryRecordsWhichKeySignedEachToken() {
        String keyId = SigningKeyStore.loadOrCreate(dataDir).keyId();
        mint("azure");

        assertEquals(keyId, new TokenRegistry(dataDir).issued().get(0).keyId());
    }

    private String mint(String source) {
        return new TokenMinter(settings, SigningKeyStore.loadOrCreate(dataDir), new TokenRegistry(dataDir),
                Clock.fixed(now.get(), ZoneOffset.UTC)).mint(TokenGrant.forSource(source), Duration.ofDays(365)).token();
    }

    private TokenVerifier liveVerifier() {
        return new TokenVerifier(settings, new LiveSigningKeys(dataDir),
                new RevocationList(new TokenRegistry(dataDir).revokedFile()), now::get);
    }
}
