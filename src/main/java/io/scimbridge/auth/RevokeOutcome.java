package io.scimbridge.auth;

/** Result of {@link TokenRegistry#revoke}: the CLI turns each into an exit code. */
public enum RevokeOutcome {
    REVOKED,
    ALREADY_REVOKED,
    UNKNOWN_ID
}
