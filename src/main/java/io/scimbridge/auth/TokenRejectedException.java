package io.scimbridge.auth;

/**
 * Why a presented token was refused. {@code detail} is safe to send back and to log: it never
 * contains the token or a piece of it. {@code tokenId} is the jti when the token could be read.
 */
public final class TokenRejectedException extends Exception {

    private final String tokenId;

    public TokenRejectedException(String detail, String tokenId) {
        super(detail, null, false, false);
        this.tokenId = tokenId;
    }

    public String detail() {
        return getMessage();
    }

    /** May be null: a malformed token has no readable jti. */
    public String tokenId() {
        return tokenId;
    }
}
