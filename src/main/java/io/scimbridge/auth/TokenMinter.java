package io.scimbridge.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.UUID;

/**
 * Signs bridge tokens and records them in the {@link TokenRegistry}. Plain Java (the CLI runs it
 * without CDI): the key pair is loaded or created from the data dir.
 */
public final class TokenMinter {

    private final AuthSettings settings;
    private final SigningKeys keys;
    private final TokenRegistry registry;
    private final Clock clock;

    public TokenMinter(AuthSettings settings, SigningKeys keys, TokenRegistry registry, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.registry = registry;
        this.clock = clock;
    }

    /** The minter of the data dir in {@code settings}, creating its key pair on first use. */
    public static TokenMinter forDataDir(AuthSettings settings) {
        return new TokenMinter(settings, SigningKeyStore.loadOrCreate(settings.dataDir()),
                new TokenRegistry(settings.dataDir()), Clock.systemUTC());
    }

    /**
     * @param ttl a {@link java.time.Duration} or a {@link java.time.Period} (P1Y, P6M: calendar
     *            arithmetic in UTC); must be positive
     */
    public MintedToken mint(TokenGrant grant, TemporalAmount ttl) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.atOffset(ZoneOffset.UTC).plus(ttl).toInstant();
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("the time to live must be positive");
        }
        IssuedToken metadata = new IssuedToken(UUID.randomUUID().toString(), grant.source(), grant.admin(), issuedAt,
                expiresAt, keys.keyId());
        String token = sign(claims(settings, metadata), keys);
        // recorded before anyone sees the token, so every usable token can be listed and revoked
        registry.recordIssued(metadata);
        return new MintedToken(token, metadata);
    }

    /** The claims of a bridge token; public so tests can derive deliberately broken variants. */
    public static JwtClaimsBuilder claims(AuthSettings settings, IssuedToken t) {
        JwtClaimsBuilder claims = Jwt.issuer(settings.issuer())
                .audience(settings.audience())
                .subject(t.admin() ? "admin" : "source:" + t.source())
                .claim("jti", t.id())
                .issuedAt(t.issuedAt())
                .expiresAt(t.expiresAt())
                .claim(TokenClaims.SCOPE, t.admin() ? TokenClaims.SCOPE_ADMIN : TokenClaims.SCOPE_SCIM);
        if (!t.admin()) {
            claims.claim(TokenClaims.SOURCE, t.source());
        }
        return claims;
    }

    public static String sign(JwtClaimsBuilder claims, SigningKeys keys) {
        return claims.jws().algorithm(SignatureAlgorithm.ES256).keyId(keys.keyId()).type("JWT").sign(keys.privateKey());
    }
}
