package io.scimbridge.identitycenter.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.guard.GuardReleased;
import io.scimbridge.guard.HeldRemoval;
import io.scimbridge.identitycenter.outbox.DirtyMarks;
import io.scimbridge.rules.ProtectedPrincipals;
import io.scimbridge.rules.RulesChanged;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An operator released held removals: the users and groups that own them are marked dirty, so
 * their parked deliveries are due now and send the removals (if the source still asks for them).
 * Likewise when the rules file's {@code protect:} changed: removals refused for a principal no
 * longer protected are sent (every resource is delivered again; the diff makes that a no-op for
 * the others).
 */
@ApplicationScoped
public class ReleasedRemovals {

    private final DirtyMarks marks;

    public ReleasedRemovals(DirtyMarks marks) {
        this.marks = marks;
    }

    void onProtectionChanged(@Observes RulesChanged changed) {
        if (!changed.forwardingChanged()
                && !ProtectedPrincipals.of(changed.old()).equals(ProtectedPrincipals.of(changed.now()))) {
            QuarkusTransaction.requiringNew().run(marks::markAll);
        }
    }

    void onRelease(@Observes GuardReleased released) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (HeldRemoval h : released.released()) {
                if (h.source() == null) {
                    continue; // held from a rules-edit forecast and not delivered since: its mark is due anyway
                }
                switch (h.kind()) {
                    case USER_DEACTIVATE, USER_DELETE -> marks.mark(h.ownerId(), ResourceType.USER, h.source());
                    case GROUP_DELETE, MEMBER_REMOVE -> marks.mark(h.ownerId(), ResourceType.GROUP, h.source());
                    case ASSIGNMENT_DELETE -> { } // the assignment coordinator runs again (AssignmentCoordinator)
                }
            }
        });
    }
}
