package io.scimbridge.revocation;

import io.scimbridge.identitycenter.delivery.GroupMembersChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code revokeOnGroupRemoval}: a member about to leave a group in Identity Center is denied, for
 * the leavers' hold, in the permission sets that group's assignments granted under a rule that asks
 * for it (table session_revocation_scope; {@link PermissionSetRevoker} puts the Deny in those sets'
 * inline policies). Written before the removal is sent, like the leavers' list. A member who joins
 * a group that grants such a set again is lifted from it at once.
 */
@ApplicationScoped
public class GroupRemovals {

    private final GroupGrants grants;
    private final ScopedRevocationStore scoped;
    private final HoldTime hold;
    private final RevocationJournal journal;
    private final SessionRevocations revocations;

    public GroupRemovals(GroupGrants grants, ScopedRevocationStore scoped, HoldTime hold, RevocationJournal journal,
                         SessionRevocations revocations) {
        this.grants = grants;
        this.scoped = scoped;
        this.hold = hold;
        this.journal = journal;
        this.revocations = revocations;
    }

    void onMembersChanged(@Observes GroupMembersChanged changed) {
        if (revocations.mode() == SessionRevocationConfig.Mode.OFF) {
            return;
        }
        boolean changes = switch (changed.change()) {
            case LEAVING -> deny(changed);
            case JOINED -> lift(changed);
        };
        if (changes) {
            revocations.request();
        }
    }

    private boolean deny(GroupMembersChanged changed) {
        Set<String> sets = grants.revokedOnRemoval(changed.groupIcId());
        if (sets.isEmpty()) {
            return false;
        }
        Instant now = Instant.now();
        boolean denied = false;
        for (GroupMembersChanged.Member member : changed.members()) {
            // The Deny goes into the permission set itself, so it blocks the set in every account
            // and whoever gave it: a set the user still gets through another group would be
            // blocked too, ending access the user legitimately keeps. Those are left alone.
            Set<String> kept = grants.stillGranted(member.resourceId(), changed.groupId());
            for (String set : sets) {
                if (kept.contains(set)) {
                    continue;
                }
                // requestedAt: the delivery, not the IdP's request; the latency histogram measures leavers only
                ScopedRevocation r = new ScopedRevocation(member.icUserId(), set, changed.groupId(), changed.source(),
                        now, now, now.plus(hold.current()), null);
                if (scoped.add(r)) {
                    journal.deniedIn(r);
                }
                denied = true;
            }
        }
        return denied;
    }

    private boolean lift(GroupMembersChanged changed) {
        List<ScopedRevocation> denied = scoped.ofUsers(changed.members().stream()
                .map(GroupMembersChanged.Member::icUserId).toList());
        if (denied.isEmpty()) {
            return false; // the common case (an initial sync): no query for the group's assignments
        }
        Set<String> granted = grants.grantedBy(changed.groupIcId());
        boolean lifted = false;
        for (ScopedRevocation r : denied) {
            if (granted.contains(r.permissionSetArn())) {
                scoped.remove(r.icUserId(), r.permissionSetArn()).ifPresent(gone -> journal.liftedIn(gone,
                        "has the set again through group " + changed.groupId()));
                lifted = true;
            }
        }
        return lifted;
    }
}
