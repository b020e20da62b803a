package io.scimbridge.resource;

import io.scimbridge.scim.ResourceType;

/**
 * Fired synchronously, inside the writing transaction, for every change to the source state.
 * Downstream delivery observes it to mark the resource dirty in the same transaction.
 *
 * @param revokesAccess the change takes access away (a user deactivated or deleted, members
 *                      removed from a group, a group deleted): delivery serves it before the rest
 */
public record ResourceChanged(ResourceType type, long pk, String id, String source, Kind kind, boolean revokesAccess) {
    public enum Kind { CREATED, UPDATED, DELETED }
}
