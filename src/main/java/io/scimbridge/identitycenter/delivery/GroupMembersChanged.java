package io.scimbridge.identitycenter.delivery;

import java.util.List;

/**
 * Fired (synchronously) by {@link MemberSync} when members are about to be removed from a group in
 * Identity Center, and after members were added to one: what session revocation's
 * {@code revokeOnGroupRemoval} keys on. Removals are fired before the PATCH is sent, so that an
 * observer's durable record exists before Identity Center takes the group's access away; an
 * observer that throws fails the delivery, which is retried (removals and adds are idempotent).
 *
 * @param groupId   the bridge resource id of the group
 * @param groupIcId the group's Identity Center id (the principal of its account assignments)
 * @param members   only members with an Identity Center id (one without was deleted there, and its
 *                  memberships with it)
 */
public record GroupMembersChanged(String groupId, String groupIcId, String source, List<Member> members,
                                  Change change) {

    public GroupMembersChanged {
        members = List.copyOf(members);
    }

    /** A member by its bridge id and its Identity Center id (identitystore:userId). */
    public record Member(String resourceId, String icUserId) {
    }

    /** Which way the members move. */
    public enum Change { LEAVING, JOINED }
}
