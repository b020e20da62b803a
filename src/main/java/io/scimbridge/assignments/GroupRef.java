package io.scimbridge.assignments;

/** A group as it exists in Identity Center: its displayName and its identity store id. */
public record GroupRef(String displayName, String groupId) {
}
