package io.scimbridge.auth;

/** What a token is for: one source's SCIM API, or the admin API. */
public record TokenGrant(String source, boolean admin) {

    public TokenGrant {
        if (admin && source != null) {
            throw new IllegalArgumentException("an admin token names no source");
        }
        if (!admin && !TokenClaims.isValidSource(source)) {
            throw new IllegalArgumentException("source must match [A-Za-z0-9._-]{1,64}, got: " + source);
        }
    }

    public static TokenGrant forSource(String source) {
        return new TokenGrant(source, false);
    }

    public static TokenGrant forAdmin() {
        return new TokenGrant(null, true);
    }
}
