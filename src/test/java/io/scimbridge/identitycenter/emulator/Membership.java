package io.scimbridge.identitycenter.emulator;

import java.time.Instant;

/** A user's membership of a group; the id is what the Identity Store API calls MembershipId. */
public record Membership(String membershipId, String groupId, String userId, Instant created) {
}
