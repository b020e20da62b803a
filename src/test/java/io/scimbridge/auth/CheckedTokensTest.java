package io.scimbridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checked token is remembered for its key ring and lifetime only, and never lets a revoked,
 * expired or wrong-API token through.
 */
class CheckedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dataDir;

    private final CheckedTokens checked = new CheckedTokens();
    private SigningKeyRing ring;
    private final Genuine genuine = new Genuine("t-1", false, TokenClaims.SCOPE_SCIM, "azure", NOW.plusSeconds(60));

    @org.junit.jupiter.api.BeforeEach
    void keys() {
        ring = SigningKeyRing.of(SigningKeyStore.loadOrCreate(dataDir));
    }

    @Test
    void rememberedForTheSameRingUntilTheTokenExpires() {
        checked.put("token", ring, genuine);
        assertSame(genuine, checked.get("token", ring, NOW));
        assertSame(genuine, checked.get("token", ring, NOW.plusSeconds(59)));
        assertNull(checked.get("token", ring, NOW.plusSeconds(60)), "expired");
        assertEquals(0, checked.size(), "an expired entry is dropped");
    }

    @Test
    void anotherRingIsAMiss() {
        checked.put("token", ring, genuine);
        SigningKeyRing rotated = new SigningKeyRing(ring.current(), ring.previous());
        assertNull(checked.get("token", rotated, NOW));
    }

    @Test
    void emptiedWhenFull() {
        for (int i = 0; i < CheckedTokens.MAX_ENTRIES; i++) {
            checked.put("token-" + i, ring, genuine);
        }
        checked.put("one more", ring, genuine);
        assertEquals(1, checked.size());
    }

    @Test
    void aRevokedTokenIsRefusedEvenAfterItsSignatureWasCheckedOnce() throws Exception {
        AuthSettings settings = AuthSettings.defaults(dataDir);
        TokenRegistry registry = new TokenRegistry(dataDir);
        MintedToken minted = new TokenMinter(settings, SigningKeyStore.loadOrCreate(dataDir), registry,
                Clock.fixed(Instant.now(), ZoneOffset.UTC)).mint(TokenGrant.forSource("okta"), Duration.ofHours(1));
        TokenVerifier verifier = new TokenVerifier(settings, new LiveSigningKeys(dataDir),
                new RevocationList(registry.revokedFile()), Clock.systemUTC());

        assertEquals("okta", verifier.verify(minted.token(), ProtectedApi.SCIM).source());
        assertEquals("okta", verifier.verify(minted.token(), ProtectedApi.SCIM).source());
        TokenRejectedException wrongApi = assertThrows(TokenRejectedException.class,
                () -> verifier.verify(minted.token(), ProtectedApi.ADMIN));
        assertEquals("Token is not an admin token", wrongApi.detail());

        registry.revoke(verifier.verify(minted.token(), ProtectedApi.SCIM).id(), Instant.now());
        TokenRejectedException revoked = assertThrows(TokenRejectedException.class,
                () -> verifier.verify(minted.token(), ProtectedApi.SCIM));
        assertEquals("Token has been revoked", revoked.detail());
    }
}
