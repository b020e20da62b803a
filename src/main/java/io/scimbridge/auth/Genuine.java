package io.scimbridge.auth;

import java.time.Instant;

/**
 * What a token's signature and standard claims vouch for, once checked: its id, whether the
 * previous key of the ring signed it, the claims the APIs look at, and when it expires.
 */
record Genuine(String id, boolean signedWithPrevious, Object scope, Object source, Instant expiresAt) {}
