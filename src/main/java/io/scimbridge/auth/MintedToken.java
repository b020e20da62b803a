package io.scimbridge.auth;

/** A freshly signed token and its registry entry. The token string exists only here and on the caller's screen. */
public record MintedToken(String token, IssuedToken metadata) {

    @Override
    public String toString() {
        return "MintedToken[" + metadata + "]"; // keep the token out of logs and assertion messages
    }
}
