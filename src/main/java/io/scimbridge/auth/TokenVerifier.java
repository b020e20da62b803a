package io.scimbridge.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Checks a bearer token for one of the {@link ProtectedApi}s: ES256 signature by the bridge's own
 * key (the algorithm is pinned, so "none" and HS256-with-the-public-key are refused before any
 * key is used), issuer, audience, expiry with clock skew, not revoked, and the claims of the API.
 */
public final class TokenVerifier {

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
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw rejection(e);
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

    /** Translates jose4j's error codes into a detail we can show; its messages embed the claims, so they are not used. */
    private static TokenRejectedException rejection(ParseException e) {
        InvalidJwtException invalid = findInvalidJwt(e);
        if (invalid == null) {
            return new TokenRejectedException("Token is malformed", null);
        }
        String id = readableId(invalid.getJwtContext());
        String detail;
        if (invalid.hasExpired()) {
            detail = "Token has expired";
        } else if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            detail = "Token issuer is not accepted";
        } else if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            detail = "Token audience is not accepted";
        } else if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            detail = "Token signature is not valid";
        } else if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID) || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            detail = "Token is not valid yet";
        } else if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            detail = "Token has no expiry";
        } else if (invalid.getJwtContext() == null) {
            detail = "Token is malformed";
        } else {
            // algorithm not allowed (none, HS256, RS256...) and other refusals end up here
            detail = "Token signature or algorithm is not accepted";
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
