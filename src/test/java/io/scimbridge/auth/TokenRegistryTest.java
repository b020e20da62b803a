package io.scimbridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issued/revoked files, and how the server's revocation list follows them. */
class TokenRegistryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void recordsWhatWasIssuedWithoutTheToken() {
        TokenRegistry registry = new TokenRegistry(dataDir);
        registry.recordIssued(new IssuedToken("id-1", "azure", false, NOW, NOW.plusSeconds(60)));
        registry.recordIssued(new IssuedToken("id-2", null, true, NOW, NOW.plusSeconds(60)));

        assertEquals(2, registry.issued().size());
        assertEquals("azure", registry.issued().get(0).label());
        assertEquals("(admin)", registry.issued().get(1).label());
    }

    @Test
    void revokesOnlyIssuedIds() {
        TokenRegistry registry = new TokenRegistry(dataDir);
        registry.recordIssued(new IssuedToken("id-1", "azure", false, NOW, NOW.plusSeconds(60)));

        assertEquals(RevokeOutcome.UNKNOWN_ID, registry.revoke("id-9", NOW));
        assertEquals(RevokeOutcome.REVOKED, registry.revoke("id-1", NOW));
        assertEquals(RevokeOutcome.ALREADY_REVOKED, registry.revoke("id-1", NOW));
        assertEquals(NOW, registry.revoked().get("id-1"));
    }

    @Test
    void revocationListSeesAnAppendOnTheNextLookup() {
        TokenRegistry registry = new TokenRegistry(dataDir);
        RevocationList list = new RevocationList(registry.revokedFile());
        registry.recordIssued(new IssuedToken("a", "azure", false, NOW, NOW.plusSeconds(60)));
        registry.recordIssued(new IssuedToken("b", "azure", false, NOW, NOW.plusSeconds(60)));
        assertFalse(list.isRevoked("a")); // no file yet

        registry.revoke("a", NOW);
        assertTrue(list.isRevoked("a"));
        assertFalse(list.isRevoked("b"));

        registry.revoke("b", NOW); // same second: the size changed, the mtime may not have
        assertTrue(list.isRevoked("b"));
    }

    @Test
    void aLineStillBeingWrittenIsIgnoredUntilComplete() throws Exception {
        TokenRegistry registry = new TokenRegistry(dataDir);
        RevocationList list = new RevocationList(registry.revokedFile());
        Files.createDirectories(registry.revokedFile().getParent());
        Files.writeString(registry.revokedFile(), "abc", StandardCharsets.UTF_8);

        assertFalse(list.isRevoked("abc"));

        Files.writeString(registry.revokedFile(), "def 2026-01-01T00:00:00Z\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertTrue(list.isRevoked("abcdef"));
    }

    @Test
    void unreadableLinesDoNotHideTheOthers() throws Exception {
        TokenRegistry registry = new TokenRegistry(dataDir);
        registry.recordIssued(new IssuedToken("id-1", "azure", false, NOW, NOW.plusSeconds(60)));
        Files.writeString(dataDir.resolve("tokens").resolve(TokenRegistry.ISSUED_FILE), "{oops\n", StandardOpenOption.APPEND);
        registry.recordIssued(new IssuedToken("id-2", "okta", false, NOW, NOW.plusSeconds(60)));

        assertEquals(2, registry.issued().size());
    }
}
