package io.scimbridge.revocation;

import java.time.Instant;

/**
 * One user on the deny list.
 *
 * @param icUserId    the Identity Center user id the Deny names (identitystore:userId)
 * @param reason      deactivated or deleted (in Identity Center)
 * @param requestedAt when the IdP's change reached the bridge (its dirty mark)
 * @param revokedAt   when delivery put the user on the list
 * @param expiresAt   when every session issued before the leave has expired: the user comes off the list
 * @param inForceAt   when the Deny was first in force in AWS; null while pending
 * @param placement   the bridge-owned SCP that holds it, or null while pending (overflow included)
 */
public record Revocation(String icUserId, String resourceId, String source, String reason, Instant requestedAt,
                         Instant revokedAt, Instant expiresAt, Instant inForceAt, String placement) {
}
