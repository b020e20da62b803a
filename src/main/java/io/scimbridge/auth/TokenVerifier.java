package io.scimbridge.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;

/**
 * Checks a bearer token for one of the {@link ProtectedApi}s: ES256 signature by the bridge's own
 * key (the algorithm is pinned, so "none" and HS256-with-the-public-key are refused before any
 * key is used), issuer, audience, expiry with clock skew, not revoked, and the claims of the API.
 *
 * <p>The key is chosen by the token's {@code kid}: the current signing key, or after a rotation
 * the previous one until its cut-over. A token without a {@code kid} (only hand-made ones: the
 * minter always writes it) is checked against the current key.
 */
public final class TokenVerifier {

    private static final String EXPECTED_ALGORITHM = SignatureAlgorithm.ES256.getAlgorithm();
    private static final Pattern PRINTABLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** One parser per public key of the ring in use; rebuilt when the key files changed. */
    private record Parsers(SigningKeyRing ring, JWTParser current, JWTParser previous) {}

    private final AuthSettings settings;
    private final Supplier<SigningKeyRing> keys;
    private final RevocationList revocations;
    private final InstantSource clock;
    private volatile Parsers parsers;
    private final CheckedTokens checked = new CheckedTokens();

    /** A verifier for one fixed key pair, as the CLI and unit tests use it. */
    public TokenVerifier(AuthSettings settings, SigningKeys keys, RevocationList revocations) {
        this(settings, fixed(SigningKeyRing.of(keys)), revocations, Clock.systemUTC());
    }

    /** The same ring instance every time, so that its parsers are built once. */
    private static Supplier<SigningKeyRing> fixed(SigningKeyRing ring) {
        return () -> ring;
    }

    /**
     * @param keys  the key ring to use, asked on every call ({@link LiveSigningKeys} follows the files)
     * @param clock decides whether a previous key's cut-over has passed
     */
    public TokenVerifier(AuthSettings settings, Supplier<SigningKeyRing> keys, RevocationList revocations,
                         InstantSource clock) {
        this.settings = settings;
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
    }

    private static JWTAuthContextInfo contextInfo(AuthSettings settings, PublicKey key) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, settings.issuer());
        info.setExpectedAudience(Set.of(settings.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        info.setClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        // our tokens name a source, not a person: do not demand sub/upn/preferred_username
        info.setRequireNamedPrincipal(false);
        return info;
    }

    public VerifiedToken verify(String token, ProtectedApi api) throws TokenRejectedException {
        Parsers p = parsers();
        Instant now = clock.instant();
        Genuine genuine = checked.get(token, p.ring(), now);
        if (genuine == null) {
            genuine = checkSignatureAndClaims(token, p);
            checked.put(token, p.ring(), genuine);
        }
        String id = genuine.id();
        if (genuine.signedWithPrevious() && p.ring().previousAcceptedAt(now).isEmpty()) {
            // genuine (the signature checked out), but the previous key's cut-over has passed
            throw new TokenRejectedException("Token is signed with a retired key", readable(id));
        }
        if (revocations.isRevoked(id)) {
            throw new TokenRejectedException("Token has been revoked", id);
        }
        boolean admin = TokenClaims.SCOPE_ADMIN.equals(genuine.scope());
        return switch (api) {
            case ADMIN -> {
                if (!admin) {
                    throw new TokenRejectedException("Token is not an admin token", id);
                }
                yield new VerifiedToken(id, null, true);
            }
            case SCIM -> {
                if (admin || !TokenClaims.SCOPE_SCIM.equals(genuine.scope())) {
                    throw new TokenRejectedException("Token is not valid for the SCIM API", id);
                }
                if (!(genuine.source() instanceof String name) || !TokenClaims.isValidSource(name)) {
                    throw new TokenRejectedException("Token has no valid source claim", id);
                }
                yield new VerifiedToken(id, name, false);
            }
        };
    }

    /**
     * The expensive part (an ES256 signature check costs more CPU than the rest of a SCIM lookup):
     * signature by a key of the ring, issuer, audience, expiry. What it yields depends only on the
     * token's text and the ring, so {@link CheckedTokens} keeps it until the token expires.
     */
    private Genuine checkSignatureAndClaims(String token, Parsers p) throws TokenRejectedException {
        Map<String, Object> header = header(token);
        String algorithm = header.get("alg") instanceof String alg ? alg : null;
        String keyId = header.get("kid") instanceof String kid ? kid : null;
        SigningKeyRing ring = p.ring();
        JWTParser parser;
        boolean previous = false;
        if (keyId == null || keyId.equals(ring.current().keyId())) {
            parser = p.current();
        } else if (ring.previous().isPresent() && keyId.equals(ring.previous().get().keyId())) {
            parser = p.previous();
            previous = true;
        } else if (EXPECTED_ALGORITHM.equals(algorithm)) {
            // rotated away twice, or dropped with --force: nothing left to check the signature with
            throw new TokenRejectedException("Token is signed with a retired or unknown key", null);
        } else {
            parser = p.current(); // refused for its algorithm below
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw rejection(algorithm, e);
        }
        String id = jwt.getTokenID();
        if (id == null || id.isBlank()) {
            throw new TokenRejectedException("Token has no id (jti)", null);
        }
        return new Genuine(id, previous, jwt.getClaim(TokenClaims.SCOPE), jwt.getClaim(TokenClaims.SOURCE),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    private Parsers parsers() {
        SigningKeyRing ring = keys.get();
        Parsers p = parsers;
        if (p == null || p.ring() != ring) {
            p = new Parsers(ring, new DefaultJWTParser(contextInfo(settings, ring.current().publicKey())),
                    ring.previous().map(prev -> (JWTParser) new DefaultJWTParser(contextInfo(settings, prev.publicKey())))
                            .orElse(null));
            parsers = p;
        }
        return p;
    }

    /**
     * The JOSE header of a compact JWS, to choose the key and to explain a refusal: the parser
     * enforces the algorithm on its own. Anything that is not three dot-separated parts with a
     * JSON header naming an algorithm is malformed.
     */
    private static Map<String, Object> header(String token) throws TokenRejectedException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenRejectedException("Token is malformed", null);
        }
        try {
            Map<String, Object> header = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            if (header.get("alg") instanceof String) {
                return header;
            }
        } catch (JoseException | IllegalArgumentException | ClassCastException unreadable) {
            // falls through to "malformed"
        }
        throw new TokenRejectedException("Token is malformed", null);
    }

    private static String readable(String id) {
        return PRINTABLE_ID.matcher(id).matches() ? id : null;
    }

    /**
     * Translates jose4j's error codes into a detail we can show; its messages embed the claims,
     * so they are never used. jose4j checks the signature before the claims, so after a claim
     * failure the jti is genuine; after a signature failure it is only what the sender wrote.
     */
    private static TokenRejectedException rejection(String algorithm, ParseException e) {
        InvalidJwtException invalid = findInvalidJwt(e);
        if (!EXPECTED_ALGORITHM.equals(algorithm)) {
            return new TokenRejectedException("Token algorithm is not accepted", null);
        }
        if (invalid == null) {
            return new TokenRejectedException("Token is not valid", null);
        }
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return new TokenRejectedException("Token signature is not valid", null);
        }
        String id = readableId(invalid.getJwtContext());
        String detail;
        if (invalid.hasExpired()) {
            detail = "Token has expired";
        } else if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            detail = "Token issuer is not accepted";
        } else if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            detail = "Token audience is not accepted";
        } else if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            detail = "Token is not valid yet";
        } else if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            detail = "Token has no expiry";
        } else if (invalid.getJwtContext() == null) {
            // the signature could not even be checked (unparsable payload, key mismatch...)
            return new TokenRejectedException("Token is malformed", null);
        } else {
            detail = "Token is not valid";
        }
        return new TokenRejectedException(detail, id);
    }

    private static InvalidJwtException findInvalidJwt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** The jti of a token we could decode, if it looks like one of ours: never echo arbitrary input into logs. */
    private static String readableId(JwtContext context) {
        if (context == null || context.getJwtClaims() == null) {
            return null;
        }
        try {
            String id = context.getJwtClaims().getJwtId();
            return id != null && PRINTABLE_ID.matcher(id).matches() ? id : null;
        } catch (MalformedClaimException e) {
            return null;
        }
    }
}
