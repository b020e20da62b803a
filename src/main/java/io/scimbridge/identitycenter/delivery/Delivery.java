package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.pipeline.ForwardingDecisions;
import io.scimbridge.pipeline.RulesMetrics;
import io.scimbridge.store.ReadOnly;
import io.scimbridge.store.ResourceStore;
import io.scimbridge.store.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Optional;

/**
 * One delivery: make Identity Center hold the desired state of one resource, with the fewest
 * calls, by diffing {@code desired = translate(source)} against the shadow. Idempotent: run it
 * twice, or after a crash half-way, and the second run sends only what is still missing or unknown.
 * That holds because the shadow is written ahead of the calls ({@link Creates}, {@link MemberSync}):
 * it never knows less than Identity Center, whenever the process dies.
 *
 * <p>Every removal (a user deactivated or deleted, a group deleted, members removed) goes through
 * {@link Removals}, which asks the deprovisioning guard first: a held removal leaves the shadow as
 * it is and the delivery ends {@link Outcome#HELD} (the loop parks the mark), a refused one (a
 * protected principal) is simply not sent.
 */
@ApplicationScoped
public class Delivery {

    /**
     * How a delivery ended when it did not throw: everything sent; some members still awaited;
     * removals held by the deprovisioning guard (the rest was sent).
     */
    public enum Outcome { DELIVERED, WAITING, HELD }

    private final ResourceStore store;
    private final ShadowStore shadows;
    private final ForwardingDecisions decisions;
    private final RulesMetrics rulesMetrics;
    private final Event<GroupsChanged> groupsChanged;
    private final Creates creates;
    private final MemberSync members;
    private final Removals removals;
    private final Dependents dependents;
    private final UserDelivery users;
    private final GroupDelivery groups;

    public Delivery(ResourceStore store, ShadowStore shadows, ForwardingDecisions decisions, RulesMetrics rulesMetrics,
                    Event<GroupsChanged> groupsChanged, Creates creates, MemberSync members, Removals removals,
                    Dependents dependents, UserDelivery users, GroupDelivery groups) {
        this.store = store;
        this.shadows = shadows;
        this.decisions = decisions;
        this.rulesMetrics = rulesMetrics;
        this.groupsChanged = groupsChanged;
        this.creates = creates;
        this.members = members;
        this.removals = removals;
        this.dependents = dependents;
        this.users = users;
        this.groups = groups;
    }

    public Outcome deliver(OutboxQueue.Claim claim) {
        removals.begin(claim.resourceId());
        Outcome outcome;
        try {
            outcome = deliverSourceState(claim);
        } catch (RuntimeException e) {
            removals.abandon(claim.resourceId());
            throw e;
        }
        boolean held = removals.settle(claim.resourceId());
        return held && outcome == Outcome.DELIVERED ? Outcome.HELD : outcome;
    }

    private Outcome deliverSourceState(OutboxQueue.Claim claim) {
        SourceSnapshot source = read(claim);
        Optional<Shadow> shadow = shadows.find(claim.resourceId());
        if (shadow.isEmpty()) {
            // a create answered by Identity Center but never recorded: found by its name, adopted
            shadow = creates.resolveInFlight(claim);
        }
        if (source.deleted()) {
            // A group the IdP deleted no longer lists its members in the store, and deleting it
            // marks only the group: with requireGroup, the users it carried in Identity Center
            // (read from the shadow before it goes) are decided again, else a user whose last
            // forwarded group was deleted would stay forwarded.
            List<String> carried = shadow.filter(s -> s.type() == ResourceType.GROUP)
                    .map(s -> List.copyOf(shadows.members(s.resourceId()))).orElse(List.of());
            if (shadow.isPresent() && !delete(shadow.get())) {
                return Outcome.DELIVERED; // held: Identity Center keeps it, and its members
            }
            dependents.markMembersForRequireGroup(carried);
            return Outcome.DELIVERED;
        }
        rulesMetrics.record(source.decision());
        return switch (source.decision().effect()) {
            case FORWARD -> claim.type() == ResourceType.USER
                    ? users.deliver(claim, source.decision().document(), shadow, true)
                    : groups.deliver(claim, source, shadow);
            // Excluded by the rules: never created; one Identity Center holds is deactivated
            // (users.whenExcluded: deactivate) or deleted.
            case DEACTIVATE -> shadow.isPresent() ? users.deliver(claim, source.decision().document(), shadow, false)
                    : Outcome.DELIVERED;
            case DELETE -> {
                if (shadow.isPresent()) {
                    if (!delete(shadow.get())) {
                        yield Outcome.DELIVERED; // held
                    }
                    if (claim.type() == ResourceType.USER) {
                        dependents.markDependentsOf(claim.resourceId());
                    }
                }
                if (claim.type() == ResourceType.GROUP) {
                    dependents.markMembersForRequireGroup(source.memberIds());
                }
                yield Outcome.DELIVERED;
            }
        };
    }

    /** {@code desired = translate(shape(rules, source))}: the shape part, read with the source. */
    private SourceSnapshot read(OutboxQueue.Claim claim) {
        return ReadOnly.call(() -> store.findById(claim.type(), claim.resourceId())
                .map(e -> {
                    ObjectNode document = store.document(e);
                    return new SourceSnapshot(document,
                            claim.type() == ResourceType.GROUP ? store.memberIds(e.pk) : List.of(),
                            decisions.decide(e, document));
                })
                .orElse(new SourceSnapshot(null, List.of(), null)));
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
