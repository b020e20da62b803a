package io.scimbridge.auth;

import java.time.Instant;
import java.util.Optional;

/** What {@code token rotate-key} did: rotated, or refused because the last rotation is still in its cut-over. */
public sealed interface KeyRotation {

    /**
     * @param dropped the key id of an earlier previous key that was still accepted and is now
     *                refused at once (only with {@code force})
     */
    record Rotated(String newKeyId, String previousKeyId, Instant cutOver, Optional<String> dropped) implements KeyRotation {}

    /** A previous key is still accepted until {@code acceptedUntil}; rotating again would refuse its tokens early. */
    record Refused(String previousKeyId, Instant acceptedUntil) implements KeyRotation {}
}
