package io.scimbridge.identitycenter.delivery;

/**
 * Fired after a group was created, renamed or deleted in Identity Center: what account
 * assignments can refer to changed.
 */
public record GroupsChanged(String groupId) {}
