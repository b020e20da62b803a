package io.scimbridge.iamusers;

import java.util.Optional;

/**
 * A person as the IdP sent them, seen from the IAM users' side.
 *
 * @param active   false when the IdP deactivated them or deleted them ({@code departed})
 * @param migrated they have an Identity Center user (the bridge delivered them: a shadow exists)
 */
public record Person(String resourceId, String userName, Optional<String> email, boolean active, boolean migrated,
                     boolean departed) {
}
