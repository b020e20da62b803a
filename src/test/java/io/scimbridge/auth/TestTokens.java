package io.scimbridge.auth;

import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bearer tokens for tests, signed with the key of the data dir the test application uses (read
 * from the live config, so a test profile that moves {@code bridge.data-dir} is followed).
 * Call it from {@code @QuarkusTest} methods:
 *
 * <pre>{@code
 * given().auth().oauth2(TestTokens.forSource("azure")).get("/scim/v2/Users")...
 * given().header("Authorization", TestTokens.bearer("okta")).get(...)
 * }</pre>
 */
public final class TestTokens {

    private static final Duration TTL = Duration.ofHours(1);

    private TestTokens() {}

    /** A valid SCIM token for {@code source} ("azure", "okta", ...). */
    public static String forSource(String source) {
        return mint(TokenGrant.forSource(source)).token();
    }

    /** {@code "Bearer " + forSource(source)}: the whole Authorization header value. */
    public static String bearer(String source) {
        return "Bearer " + forSource(source);
    }

    /** A valid admin-API token (refused on /scim/v2). */
    public static String admin() {
        return mint(TokenGrant.forAdmin()).token();
    }

    /** A valid token with its metadata (the id is needed to revoke it). */
    public static MintedToken mint(TokenGrant grant) {
        AuthSettings settings = settings();
        return new TokenMinter(settings, keys(), new TokenRegistry(settings.dataDir()), Clock.systemUTC()).mint(grant, TTL);
    }

    /** Revokes a token the way {@code token revoke --id} does. */
    public static RevokeOutcome revoke(String tokenId) {
        return new TokenRegistry(settings().dataDir()).revoke(tokenId, Instant.now());
    }

    /**
     * The claims of a valid, unrecorded SCIM token, to break on purpose before {@link #sign}:
     * {@code TestTokens.sign(TestTokens.validClaims("azure").issuer("someone-else"))}.
     */
    public static JwtClaimsBuilder validClaims(String source) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return TokenMinter.claims(settings(), new IssuedToken(UUID.randomUUID().toString(), source, false, now, now.plus(TTL)));
    }

    /** Signs claims with the test application's own key (ES256). */
    public static String sign(JwtClaimsBuilder claims) {
        return TokenMinter.sign(claims, keys());
    }

    /** The settings (data dir, issuer, audience) of the test application. */
    public static AuthSettings settings() {
        return AuthSettings.fromConfig(ConfigProvider.getConfig());
    }

    public static SigningKeys keys() {
        return SigningKeyStore.loadOrCreate(settings().dataDir());
    }
}
