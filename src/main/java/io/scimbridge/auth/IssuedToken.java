package io.scimbridge.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What the registry keeps about a minted token: enough to list and revoke it, never the token
 * itself (whoever reads the data dir must not be able to call the API with what they find).
 *
 * @param source the IdP connection name; null for an admin token
 * @param keyId  the {@code kid} of the key that signed it; null for tokens recorded before key
 *               rotation existed (they were signed with the key that was current then)
 */
public record IssuedToken(String id, String source, boolean admin, Instant issuedAt, Instant expiresAt, String keyId) {

    public IssuedToken(String id, String source, boolean admin, Instant issuedAt, Instant expiresAt) {
        this(id, source, admin, issuedAt, expiresAt, null);
    }

    public IssuedToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (admin == (source != null)) {
            throw new IllegalArgumentException("a token is either an admin token or names a source");
        }
    }

    /** The source name, or "(admin)": for tables and log lines. */
    public String label() {
        return admin ? "(admin)" : source;
    }
}
