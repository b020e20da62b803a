package io.scimbridge.revocation;

import java.time.Instant;

/**
 * A user denied in one permission set only: it left a group whose assignments granted the set and
 * whose rule says {@code revokeOnGroupRemoval: true}.
 *
 * @param groupId the bridge resource id of the group the user left
 */
public record ScopedRevocation(String icUserId, String permissionSetArn, String groupId, String source,
                               Instant requestedAt, Instant revokedAt, Instant expiresAt, Instant inForceAt) {
}
