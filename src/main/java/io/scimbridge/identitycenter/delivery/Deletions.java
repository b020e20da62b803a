package io.scimbridge.identitycenter.delivery;

import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Optional;

/**
 * A user or group deleted from Identity Center: because the IdP deleted it, or because the rules
 * exclude it (every excluded group, a user with {@code users.whenExcluded: delete}). The deletion
 * is a removal and asks {@link Removals} first; held, it leaves Identity Center and the shadow as
 * they are and marks nothing, since nothing changed. Sent, the resources whose delivery depended on
 * it are marked again ({@link Dependents}): with {@code users.requireGroup} the users a group
 * carried, and an excluded user's reports and groups, which the IdP did not change.
 */
@ApplicationScoped
public class Deletions {

    private final ShadowStore shadows;
    private final Removals removals;
    private final MemberSync members;
    private final Event<GroupsChanged> groupsChanged;
    private final Dependents dependents;

    public Deletions(ShadowStore shadows, Removals removals, MemberSync members, Event<GroupsChanged> groupsChanged,
                     Dependents dependents) {
        this.shadows = shadows;
        this.removals = removals;
        this.members = members;
        this.groupsChanged = groupsChanged;
        this.dependents = dependents;
    }

    /** The IdP deleted the resource: Identity Center's copy, if the shadow knows one, goes too. */
    Delivery.Outcome sourceDeleted(Optional<Shadow> shadow) {
        // A group the IdP deleted no longer lists its members in the store, and deleting it
        // marks only the group: with requireGroup, the users it carried in Identity Center
        // (read from the shadow before it goes) are decided again, else a user whose last
        // forwarded group was deleted would stay forwarded.
        List<String> carried = shadow.filter(s -> s.type() == ResourceType.GROUP)
                .map(s -> List.copyOf(shadows.members(s.resourceId()))).orElse(List.of());
        if (shadow.isPresent() && !delete(shadow.get())) {
            return Delivery.Outcome.DELIVERED; // held: Identity Center keeps it, and its members
        }
        dependents.markMembersForRequireGroup(carried);
        return Delivery.Outcome.DELIVERED;
    }

    /** The rules exclude the resource, and Identity Center should not hold it. */
    Delivery.Outcome excluded(OutboxQueue.Claim claim, SourceSnapshot source, Optional<Shadow> shadow) {
        if (shadow.isPresent()) {
            if (!delete(shadow.get())) {
                return Delivery.Outcome.DELIVERED; // held
            }
            if (claim.type() == ResourceType.USER) {
                dependents.markDependentsOf(claim.resourceId());
            }
        }
        if (claim.type() == ResourceType.GROUP) {
            dependents.markMembersForRequireGroup(source.memberIds());
        }
        return Delivery.Outcome.DELIVERED;
    }

    /** Whether it was deleted (the deprovisioning guard may hold it). */
    private boolean delete(Shadow shadow) {
        // a group's members lose what it gave as if removed one by one: reported before the delete is sent
        Runnable beforeSend = shadow.type() == ResourceType.GROUP
                ? () -> members.groupDeleting(shadow.resourceId(), shadow.icId(), shadow.source()) : () -> { };
        if (!removals.delete(shadow, beforeSend)) {
            return false;
        }
        if (shadow.type() == ResourceType.GROUP) {
            groupsChanged.fire(new GroupsChanged(shadow.resourceId()));
        }
        return true;
    }
}
