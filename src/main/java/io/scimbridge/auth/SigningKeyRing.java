package io.scimbridge.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys in {@code <data-dir>/keys} at one moment: the current pair (signs new tokens) and, after
 * a rotation, the previous public key with its cut-over.
 */
public record SigningKeyRing(SigningKeys current, Optional<PreviousSigningKey> previous) {

    public SigningKeyRing {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
    }

    public static SigningKeyRing of(SigningKeys current) {
        return new SigningKeyRing(current, Optional.empty());
    }

    /** The previous key while tokens it signed are still accepted; empty before a rotation and after the cut-over. */
    public Optional<PreviousSigningKey> previousAcceptedAt(Instant now) {
        return previous.filter(p -> p.acceptedAt(now));
    }

    /** How a token signed with {@code keyId} fares at {@code now}: for {@code token list}. */
    public KeyStatus statusOf(String keyId, Instant now) {
        if (keyId == null) {
            return KeyStatus.UNRECORDED;
        }
        if (keyId.equals(current.keyId())) {
            return KeyStatus.CURRENT;
        }
        if (previous.isPresent() && previous.get().keyId().equals(keyId)) {
            return previous.get().acceptedAt(now) ? KeyStatus.PREVIOUS : KeyStatus.RETIRED;
        }
        return KeyStatus.RETIRED;
    }

    public enum KeyStatus {
        /** signs new tokens */
        CURRENT,
        /** accepted until the cut-over */
        PREVIOUS,
        /** refused: past the cut-over, or rotated away */
        RETIRED,
        /** minted before the registry recorded key ids: signed with whatever key was current then */
        UNRECORDED
    }
}
