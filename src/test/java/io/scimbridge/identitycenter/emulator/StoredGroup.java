package io.scimbridge.identitycenter.emulator;

import java.time.Instant;

/** A group as Identity Center holds it (members are kept apart, as {@link Membership}s). */
public record StoredGroup(String id, String displayName, String externalId, Instant created, Instant lastModified) {

    StoredGroup renamed(String newDisplayName, String newExternalId, Instant at) {
        return new StoredGroup(id, newDisplayName, newExternalId, created, at);
    }
}
