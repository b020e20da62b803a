package io.scimbridge.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
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
 */
public final class TokenVerifier {

    private static final String EXPECTED_ALGORITHM = SignatureAlgorithm.ES256.getAlgorithm();
    private static final Pattern PRINTABLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final JWTParser parser;
    private final RevocationList revocations;

    public TokenVerifier(AuthSettings settings, SigningKeys keys, RevocationList revocations) {
        this.parser = new DefaultJWTParser(contextInfo(settings, keys));
        this.revocations = revocations;
    }

    private static JWTAuthContextInfo contextInfo(AuthSettings settings, SigningKeys keys) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey(), settings.issuer());
        info.setExpectedAudience(Set.of(settings.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        info.setClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        // our tokens name a source, not a person: do not demand sub/upn/preferred_username
        info.setRequireNamedPrincipal(false);
        return info;
    }

    public VerifiedToken verify(String token, ProtectedApi api) throws TokenRejectedException {
        String algorithm = headerAlgorithm(token);
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
        if (revocations.isRevoked(id)) {
            throw new TokenRejectedException("Token has been revoked", id);
        }
        boolean admin = TokenClaims.SCOPE_ADMIN.equals(jwt.getClaim(TokenClaims.SCOPE));
        return switch (api) {
            case ADMIN -> {
                if (!admin) {
                    throw new TokenRejectedException("Token is not an admin token", id);
                }
                yield new VerifiedToken(id, null, true);
            }
            case SCIM -> {
                if (admin || !TokenClaims.SCOPE_SCIM.equals(jwt.getClaim(TokenClaims.SCOPE))) {
                    throw new TokenRejectedException("Token is not valid for the SCIM API", id);
                }
                Object source = jwt.getClaim(TokenClaims.SOURCE);
                if (!(source instanceof String name) || !TokenClaims.isValidSource(name)) {
                    throw new TokenRejectedException("Token has no valid source claim", id);
                }
                yield new VerifiedToken(id, name, false);
            }
        };
    }

    /**
     * The {@code alg} of a compact JWS, only to explain a refusal: the parser enforces the
     * algorithm on its own. Anything that is not three dot-separated parts with a JSON header
     * naming an algorithm is malformed.
     */
    private static String headerAlgorithm(String token) throws TokenRejectedException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenRejectedException("Token is malformed", null);
        }
        try {
            Object alg = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).get("alg");
            if (alg instanceof String name) {
                return name;
            }
        } catch (JoseException | IllegalArgumentException | ClassCastException unreadable) {
            // falls through to "malformed"
        }
        throw new TokenRejectedException("Token is malformed", null);
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
