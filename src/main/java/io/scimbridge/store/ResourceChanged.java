package io.scimbridge.store;

/**
 * Fired synchronously, inside the writing transaction, for every change to the source state.
 * Downstream delivery observes it to mark the resource dirty in the same transaction.
 */
public record ResourceChanged(ResourceType type, long pk, String id, String source, Kind kind) {
    public enum Kind { CREATED, UPDATED, DELETED }
}
