package io.scimbridge.auth;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * The signing key before the last rotation, kept for verification only: tokens it signed are
 * accepted until {@code acceptedUntil} (the cut-over), so the IdPs can be given new tokens
 * without a gap. Its private half is gone, so nothing new is ever signed with it.
 */
public record PreviousSigningKey(String keyId, PublicKey publicKey, Instant acceptedUntil) {

    public PreviousSigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(acceptedUntil, "acceptedUntil");
    }

    public boolean acceptedAt(Instant now) {
        return now.isBefore(acceptedUntil);
    }

    @Override
    public String toString() {
        return "PreviousSigningKey[keyId=" + keyId + ", acceptedUntil=" + acceptedUntil + "]";
    }
}
