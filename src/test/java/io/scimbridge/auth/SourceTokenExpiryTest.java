package io.scimbridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Until when each source still has a token the bridge accepts: the figure behind bridge_token_expiry_seconds. */
class SourceTokenExpiryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final SigningKeyRing KEYS = ring("current", Optional.empty());

    @Test
    void theNewestNonRevokedTokenOfEachSourceCounts() {
        List<IssuedToken> issued = List.of(
                token("a1", "azure", days(100), "current"),
                token("a2", "azure", days(300), "current"),
                token("a3", "azure", days(400), "current"),
                token("o1", "okta", days(20), null),
                new IssuedToken("adm", null, true, NOW, NOW.plus(days(900)), "current"));

        assertEquals(Map.of("azure", NOW.plus(days(300)), "okta", NOW.plus(days(20))),
                SourceTokenExpiry.validUntilBySource(issued, Set.of("a3"), KEYS, NOW));
    }

    @Test
    void anExpiredNewestTokenKeepsItsPastExpiry() {
        assertEquals(Map.of("azure", NOW.minus(days(2))),
                SourceTokenExpiry.validUntilBySource(List.of(token("a1", "azure", days(-2), "current")), Set.of(), KEYS, NOW));
    }

    @Test
    void tokensOfThePreviousKeyCountUntilTheCutOverOnly() {
        SigningKeyRing rotated = ring("new", Optional.of("old"));
        List<IssuedToken> issued = List.of(token("a1", "azure", days(300), "old"), token("o1", "okta", days(300), "old"),
                token("o2", "okta", days(200), "new"), token("g1", "google", days(300), "gone"));

        assertEquals(Map.of("azure", NOW.plus(days(30)), "okta", NOW.plus(days(200))),
                SourceTokenExpiry.validUntilBySource(issued, Set.of(), rotated, NOW));
    }

    private static IssuedToken token(String id, String source, Duration validFor, String keyId) {
        return new IssuedToken(id, source, false, NOW.minus(days(1)), NOW.plus(validFor), keyId);
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    /** Key ids as given (the ring only compares them); the keys themselves are throwaway. */
    private static SigningKeyRing ring(String currentId, Optional<String> previousId) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = gen.generateKeyPair();
            return new SigningKeyRing(new SigningKeys(pair.getPrivate(), pair.getPublic(), currentId),
                    previousId.map(id -> new PreviousSigningKey(id, pair.getPublic(), NOW.plus(days(30)))));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
