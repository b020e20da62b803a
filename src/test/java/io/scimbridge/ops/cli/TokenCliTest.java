package io.scimbridge.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.auth.AuthSettings;
import io.scimbridge.auth.ProtectedApi;
import io.scimbridge.auth.RevocationList;
import io.scimbridge.auth.SigningKeyStore;
import io.scimbridge.auth.TokenRegistry;
import io.scimbridge.auth.TokenRejectedException;
import io.scimbridge.auth.TokenVerifier;
import io.scimbridge.auth.VerifiedToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token CLI as an operator uses it, against a temp data dir, without Quarkus. */
class TokenCliTest {

    private static final String JWT = "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+";

    @TempDir
    Path dataDir;

    private AuthSettings settings;

    @BeforeEach
    void settings() {
        settings = AuthSettings.defaults(dataDir);
    }

    @Test
    void mintPrintsTheTokenAloneOnStdout() throws Exception {
        Run run = cli("mint", "--source", "azure");

        assertEquals(0, run.exit, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(1, lines.size(), "stdout: " + run.out);
        assertTrue(lines.get(0).matches(JWT), "not a compact JWS: " + lines.get(0));
        assertTrue(run.err.contains("for source azure"), run.err);

        VerifiedToken verified = verifier().verify(lines.get(0), ProtectedApi.SCIM);
        assertEquals("azure", verified.source());
        assertFalse(verified.admin());
    }

    @Test
    void mintAdminOpensOnlyTheAdminApi() throws Exception {
        Run run = cli("mint", "--admin");

        assertEquals(0, run.exit, run.err);
        String token = run.out.strip();
        assertTrue(verifier().verify(token, ProtectedApi.ADMIN).admin());
        assertThrows(TokenRejectedException.class, () -> verifier().verify(token, ProtectedApi.SCIM));
    }

    @Test
    void ttlIsAnIsoDurationAndDefaultsToAYear() {
        cli("mint", "--source", "okta", "--ttl", "PT12H");
        cli("mint", "--source", "azure");
        var issued = new TokenRegistry(dataDir).issued();

        assertEquals(Duration.ofHours(12), Duration.between(issued.get(0).issuedAt(), issued.get(0).expiresAt()));
        assertEquals(Duration.ofDays(365), Duration.between(issued.get(1).issuedAt(), issued.get(1).expiresAt()));
    }

    @Test
    void listShowsIdsSourcesTimesAndRevocation() {
        cli("mint", "--source", "azure");
        cli("mint", "--admin");
        var issued = new TokenRegistry(dataDir).issued();
        cli("revoke", "--id", issued.get(0).id());

        Run run = cli("list");

        assertEquals(0, run.exit, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(3, lines.size(), run.out);
        assertTrue(lines.get(0).startsWith("ID"), run.out);
        assertTrue(lines.get(1).contains(issued.get(0).id()) && lines.get(1).contains("azure")
                && lines.get(1).contains(issued.get(0).expiresAt().toString()) && lines.get(1).endsWith("revoked"), run.out);
        assertTrue(lines.get(2).contains("(admin)") && lines.get(2).endsWith("active"), run.out);
    }

    @Test
    void listShowsExpiredTokens() {
        Clock lastYear = Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC);
        new TokenCli(settings, quiet(), quiet(), lastYear).run("mint", "--source", "azure", "--ttl", "P30D");

        assertTrue(cli("list").out.lines().skip(1).findFirst().orElseThrow().endsWith("expired"));
    }

    @Test
    void revokeUnknownIdExitsOneWithAMessage() {
        cli("mint", "--source", "azure");

        Run run = cli("revoke", "--id", "no-such-id");

        assertEquals(1, run.exit);
        assertTrue(run.err.contains("no-such-id"), run.err);
        assertEquals("", run.out);
    }

    @Test
    void revokeRefusesTheTokenAndIsIdempotent() throws Exception {
        String token = cli("mint", "--source", "azure").out.strip();
        String id = new TokenRegistry(dataDir).issued().get(0).id();
        TokenVerifier verifier = verifier();
        verifier.verify(token, ProtectedApi.SCIM);

        assertEquals(0, cli("revoke", "--id", id).exit);
        TokenRejectedException refused = assertThrows(TokenRejectedException.class, () -> verifier.verify(token, ProtectedApi.SCIM));
        assertEquals("Token has been revoked", refused.detail());
        assertEquals(id, refused.tokenId());

        Run again = cli("revoke", "--id", id);
        assertEquals(0, again.exit);
        assertTrue(again.err.contains("already revoked"), again.err);
    }

    @Test
    void theTokenItselfIsNeverStored() throws Exception {
        String token = cli("mint", "--source", "azure").out.strip();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        try (var files = java.nio.file.Files.walk(dataDir)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String content = java.nio.file.Files.readString(file, StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(signature) || content.contains(token.split("\\.")[1]), file.toString());
            }
        }
    }

    @Test
    void dataDirOptionOverridesTheConfiguredOne(@TempDir Path other) {
        Run run = cli("mint", "--source", "azure", "--data-dir", other.toString());

        assertEquals(0, run.exit, run.err);
        assertEquals(1, new TokenRegistry(other).issued().size());
        assertEquals(0, new TokenRegistry(dataDir).issued().size());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, cli().exit);
        assertEquals(2, cli("frobnicate").exit);
        assertEquals(2, cli("mint").exit);
        assertEquals(2, cli("mint", "--source", "azure", "--admin").exit);
        assertEquals(2, cli("mint", "--source", "not a name").exit);
        assertEquals(2, cli("mint", "--source", "x".repeat(65)).exit);
        assertEquals(2, cli("mint", "--source", "azure", "--ttl", "a year").exit);
        assertEquals(2, cli("mint", "--source", "azure", "--ttl", "-P1D").exit);
        assertEquals(2, cli("revoke").exit);
        Run run = cli("mint", "--source", "azure", "--color", "blue");
        assertEquals(2, run.exit);
        assertEquals("", run.out);
        assertTrue(run.err.contains("usage:"), run.err);
    }

    @Test
    void rotateKeyPrintsTheNewKeyIdAndTheCutOver() throws Exception {
        String oldToken = cli("mint", "--source", "azure").out.strip();
        String oldKey = SigningKeyStore.loadOrCreate(dataDir).keyId();

        Run run = cli("rotate-key", "--cut-over", "2099-01-31");

        assertEquals(0, run.exit, run.err);
        String newKey = SigningKeyStore.loadOrCreate(dataDir).keyId();
        assertEquals(newKey, run.out.strip(), "stdout is the new key id alone");
        assertTrue(run.err.contains("new tokens are signed with key " + newKey), run.err);
        assertTrue(run.err.contains("tokens signed with " + oldKey + " are accepted until 2099-01-31T00:00:00Z, refused after"), run.err);
        assertTrue(run.err.contains("token mint --source NAME"), run.err);
        // the CLI's own verifier sees only the current key; the server keeps the previous one (SigningKeyRotationTest)
        String newToken = cli("mint", "--source", "azure").out.strip();
        verifier().verify(newToken, ProtectedApi.SCIM);
        assertThrows(TokenRejectedException.class, () -> verifier().verify(oldToken, ProtectedApi.SCIM));
    }

    @Test
    void rotateKeyDefaultsToAThirtyDayCutOver() {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");

        Run run = cli(Clock.fixed(now, ZoneOffset.UTC), "rotate-key");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.err.contains("accepted until 2026-12-25T06:00:00Z"), run.err);
    }

    @Test
    void aSecondRotationInsideTheCutOverIsRefusedWithExitOneUnlessForced() {
        cli("rotate-key", "--cut-over", "30d");
        String current = SigningKeyStore.loadOrCreate(dataDir).keyId();

        Run refused = cli("rotate-key");
        assertEquals(1, refused.exit);
        assertEquals("", refused.out);
        assertTrue(refused.err.contains("refused") && refused.err.contains("--force"), refused.err);
        assertEquals(current, SigningKeyStore.loadOrCreate(dataDir).keyId());

        Run forced = cli("rotate-key", "--force", "--cut-over", "12h");
        assertEquals(0, forced.exit, forced.err);
        assertTrue(forced.err.contains("dropped"), forced.err);
    }

    @Test
    void cutOverNowRefusesTheOldKeysTokensAtOnce() {
        Run run = cli("rotate-key", "--cut-over", "now");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.err.contains("refused from now on"), run.err);
    }

    @Test
    void listShowsWhichKeySignedEachTokenAndTheCutOver() {
        Instant now = Instant.now();
        cli("mint", "--source", "azure");
        String oldKey = SigningKeyStore.loadOrCreate(dataDir).keyId();
        cli("rotate-key", "--cut-over", "30d");
        cli("mint", "--source", "azure");
        String newKey = SigningKeyStore.loadOrCreate(dataDir).keyId();

        Run run = cli("list");
        List<String> lines = run.out.lines().toList();
        assertTrue(lines.get(0).matches("ID +SOURCE +ISSUED +EXPIRES +KEY +STATUS"), lines.get(0));
        assertTrue(lines.get(1).contains(oldKey) && lines.get(1).endsWith("active-until-cut-over"), run.out);
        assertTrue(lines.get(2).contains(newKey) && lines.get(2).endsWith("active"), run.out);
        assertTrue(run.err.contains("previous key " + oldKey + " are accepted until"), run.err);

        Run later = cli(Clock.fixed(now.plus(Duration.ofDays(31)), ZoneOffset.UTC), "list");
        assertTrue(later.out.lines().toList().get(1).endsWith("retired-key"), later.out);
        assertTrue(later.err.contains("was retired at"), later.err);
    }

    @Test
    void cutOverSpellings() {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        assertEquals(Instant.parse("2026-12-25T06:00:00Z"), TokenCli.parseCutOver("30d", now));
        assertEquals(Instant.parse("2026-11-25T18:00:00Z"), TokenCli.parseCutOver("12h", now));
        assertEquals(Instant.parse("2026-12-25T06:00:00Z"), TokenCli.parseCutOver("P30D", now));
        assertEquals(Instant.parse("2026-12-31T00:00:00Z"), TokenCli.parseCutOver("2026-12-31", now));
        assertEquals(Instant.parse("2026-12-31T11:00:00Z"), TokenCli.parseCutOver("2026-12-31T12:00:00+01:00", now));
        assertEquals(now, TokenCli.parseCutOver("now", now));
        assertThrows(IllegalArgumentException.class, () -> TokenCli.parseCutOver("2026-01-01", now));
        assertThrows(IllegalArgumentException.class, () -> TokenCli.parseCutOver("next month", now));
        assertEquals(2, cli("rotate-key", "--cut-over", "yesterday").exit);
        assertEquals(2, cli("rotate-key", "--cut-over").exit);
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        Run run = cli("help");
        assertEquals(0, run.exit);
        assertTrue(run.out.contains("token mint --source NAME"));
    }

    private TokenVerifier verifier() {
        return new TokenVerifier(settings, SigningKeyStore.loadOrCreate(dataDir),
                new RevocationList(new TokenRegistry(dataDir).revokedFile()));
    }

    private record Run(int exit, String out, String err) {}

    private Run cli(String... args) {
        return cli(Clock.systemUTC(), args);
    }

    private Run cli(Clock clock, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = new TokenCli(settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
