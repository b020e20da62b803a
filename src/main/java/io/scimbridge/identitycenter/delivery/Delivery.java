package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.identitycenter.IdentityCenterDialect;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.client.IdentityCenterException;
import io.scimbridge.identitycenter.outbox.DirtyMarks;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.rules.ForwardingDecisions;
import io.scimbridge.rules.RulesMetrics;
import io.scimbridge.store.ReadOnly;
import io.scimbridge.store.ResourceStore;
import io.scimbridge.store.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * How a delivery ended when it did not throw: everything sent; some members still awaited;
     * removals held by the deprovisioning guard (the rest was sent).
     */
    public enum Outcome { DELIVERED, WAITING, HELD }

    private final ResourceStore store;
    private final ShadowStore shadows;
    private final IdentityCenterClient client;
    private final IdentityCenterDialect dialect;
    private final OutboxQueue queue;
    private final DirtyMarks marks;
    private final ForwardingDecisions decisions;
    private final RulesMetrics rulesMetrics;
    private final Event<GroupsChanged> groupsChanged;
    private final Creates creates;
    private final MemberSync members;
    private final Removals removals;

    public Delivery(ResourceStore store, ShadowStore shadows, IdentityCenterClient client, IdentityCenterDialect dialect,
                    OutboxQueue queue, DirtyMarks marks, ForwardingDecisions decisions, RulesMetrics rulesMetrics,
                    Event<GroupsChanged> groupsChanged, Creates creates, MemberSync members,
                    Removals removals) {
        this.store = store;
        this.shadows = shadows;
        this.client = client;
        this.dialect = dialect;
        this.queue = queue;
        this.marks = marks;
        this.decisions = decisions;
        this.rulesMetrics = rulesMetrics;
        this.groupsChanged = groupsChanged;
        this.creates = creates;
        this.members = members;
        this.removals = removals;
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
            markMembersForRequireGroup(carried);
            return Outcome.DELIVERED;
        }
        rulesMetrics.record(source.decision());
        return switch (source.decision().effect()) {
            case FORWARD -> claim.type() == ResourceType.USER
                    ? deliverUser(claim, source.decision().document(), shadow, true)
                    : deliverGroup(claim, source, shadow);
            // Excluded by the rules: never created; one Identity Center holds is deactivated
            // (users.whenExcluded: deactivate) or deleted.
            case DEACTIVATE -> shadow.isPresent() ? deliverUser(claim, source.decision().document(), shadow, false)
                    : Outcome.DELIVERED;
            case DELETE -> {
                if (shadow.isPresent()) {
                    if (!delete(shadow.get())) {
                        yield Outcome.DELIVERED; // held
                    }
                    if (claim.type() == ResourceType.USER) {
                        markDependentsDirty(claim.resourceId());
                    }
                }
                if (claim.type() == ResourceType.GROUP) {
                    markMembersForRequireGroup(source.memberIds());
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

    /**
     * With {@code users.requireGroup}, a user's forwarding depends on its groups: when a group's
     * members or forwarding change, its members are decided again.
     */
    private void markMembersForRequireGroup(List<String> memberIds) {
        if (!decisions.current().users().requireGroup() || memberIds.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (String member : memberIds) {
                store.findById(ResourceType.USER, member).ifPresent(u -> marks.mark(u.id, ResourceType.USER, u.source));
            }
        });
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

    private Outcome deliverUser(OutboxQueue.Claim claim, ObjectNode document, Optional<Shadow> shadow,
                                boolean forwarded) {
        ObjectNode desired = dialect.user(document, shadows::icIdOf);
        if (!deliverUserState(claim, desired, shadow)) {
            return Outcome.DELIVERED; // deactivation held: still forwarded, its groups keep it
        }
        if (shadows.setForwarded(claim.resourceId(), forwarded)) {
            // In or out of the forwarded set: its groups carry it, or stop carrying it.
            markDependentsDirty(claim.resourceId());
        }
        return Outcome.DELIVERED;
    }

    /** Whether Identity Center now holds the desired state (false: the deactivation is held). */
    private boolean deliverUserState(OutboxQueue.Claim claim, ObjectNode desired, Optional<Shadow> shadow) {
        if (shadow.isEmpty()) {
            String icId = creates.user(claim, desired);
            shadows.save(new Shadow(claim.resourceId(), ResourceType.USER, claim.source(), icId, desired));
            markDependentsDirty(claim.resourceId());
        } else if (!desired.equals(shadow.get().state())) {
            boolean wasActive = shadow.get().state().path("active").asBoolean(true);
            boolean active = desired.path("active").asBoolean(true);
            if (wasActive && !active) {
                switch (removals.deactivate(shadow.get())) {
                    case HOLD -> {
                        return false;
                    }
                    case REFUSE -> {
                        // protected: Identity Center keeps it active; its other changes still go
                        desired = desired.deepCopy().put("active", true);
                        active = true;
                        if (desired.equals(shadow.get().state())) {
                            return true;
                        }
                    }
                    case SEND -> { }
                }
            }
            try {
                shadows.stateInFlight(claim.resourceId());
                client.replaceUser(shadow.get().icId(), desired);
                shadows.save(new Shadow(claim.resourceId(), ResourceType.USER, claim.source(), shadow.get().icId(), desired));
                if (!wasActive && active) {
                    removals.reactivated(shadow.get());
                }
            } catch (IdentityCenterException e) {
                if (!e.notFound()) {
                    throw e;
                }
                // Deleted directly in AWS: create it again (drift repair). AWS dropped its
                // memberships with it, and its reports name a manager id that is gone: the
                // shadow forgets both, and the dependents are sent again with the new id.
                shadows.delete(claim.resourceId());
                String icId = creates.user(claim, desired);
                shadows.save(new Shadow(claim.resourceId(), ResourceType.USER, claim.source(), icId, desired));
                markDependentsDirty(claim.resourceId());
            }
        }
        return true;
    }

    /**
     * This user now has an Identity Center id: what depended on it is sent again. Reports were
     * sent without their manager. Its groups too: a group waits (stays dirty) only for members
     * whose own delivery is pending, so a member that was a dead letter, or one re-created under a
     * new id, would otherwise stay missing from the group until the group changes again.
     */
    private void markDependentsDirty(String userId) {
        // read beside the writer; most users (all of them in an initial sync) have nothing to mark
        List<Dependent> dependents = ReadOnly.call(() -> {
            List<Dependent> found = new ArrayList<>();
            for (Object[] report : store.reportsOf(userId)) {
                found.add(new Dependent((String) report[0], ResourceType.USER, (String) report[1]));
            }
            store.findById(ResourceType.USER, userId).ifPresent(user -> store.groupsOf(user.pk)
                    .forEach(group -> found.add(new Dependent(group.id(), ResourceType.GROUP, user.source))));
            return found;
        });
        if (!dependents.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> dependents.forEach(d -> marks.mark(d.id(), d.type(), d.source())));
        }
    }

    private record Dependent(String id, ResourceType type, String source) {}

    private Outcome deliverGroup(OutboxQueue.Claim claim, SourceSnapshot source, Optional<Shadow> shadow) {
        ObjectNode desired = dialect.group(source.decision().document());
        String icId;
        if (shadow.isEmpty()) {
            icId = creates.group(claim, desired, renameOperations(desired));
            shadows.save(new Shadow(claim.resourceId(), ResourceType.GROUP, claim.source(), icId, desired));
            groupsChanged.fire(new GroupsChanged(claim.resourceId()));
        } else {
            icId = shadow.get().icId();
            if (!desired.equals(shadow.get().state())) {
                shadows.stateInFlight(claim.resourceId());
                patchOrForget(claim, icId, () -> client.patchGroup(shadow.get().icId(), renameOperations(desired)));
                shadows.save(new Shadow(claim.resourceId(), ResourceType.GROUP, claim.source(), icId, desired));
                groupsChanged.fire(new GroupsChanged(claim.resourceId()));
            }
        }
        String groupIcId = icId;
        boolean waiting = patchOrForget(claim, icId,
                () -> members.sync(claim.resourceId(), groupIcId, desired.path("displayName").asText(), claim.source(),
                        source.memberIds(),
                        this::markMembersForRequireGroup));
        if (decisions.current().users().requireGroup()) {
            Map<String, String> forwarded = shadows.forwardedIcIdsOf(source.memberIds());
            markMembersForRequireGroup(source.memberIds().stream()
                    .filter(m -> !forwarded.containsKey(m) && !queue.pending(m)).toList());
        }
        return waiting ? Outcome.WAITING : Outcome.DELIVERED;
    }

    /**
     * A 404 to a group PATCH means the group is gone from Identity Center (deleted in the console,
     * or a made-up dry-run id), or that a member id in it is unknown there (a user deleted in the
     * console). A read tells the two apart: only a group that is really gone is forgotten by the
     * shadow (the next attempt creates it again); forgetting one that exists would lose what the
     * shadow knows of its members.
     */
    private <T> T patchOrForget(OutboxQueue.Claim claim, String icId, Supplier<T> patch) {
        try {
            return patch.get();
        } catch (IdentityCenterException e) {
            if (!e.notFound()) {
                throw e;
            }
            if (client.groupExists(icId)) {
                throw new IdentityCenterException(404, "Identity Center holds group " + icId
                        + " but answered 404 to its PATCH: a member is unknown there (" + e.getMessage() + ")", null);
            }
            shadows.delete(claim.resourceId());
            throw new IdentityCenterException(404, "the group is gone from Identity Center; it is created again", null);
        }
    }

    private void patchOrForget(OutboxQueue.Claim claim, String icId, Runnable patch) {
        patchOrForget(claim, icId, () -> {
            patch.run();
            return null;
        });
    }

    private static List<ObjectNode> renameOperations(ObjectNode desired) {
        List<ObjectNode> ops = new ArrayList<>();
        ops.add(JSON.objectNode().put("op", "replace").put("path", "displayName")
                .put("value", desired.path("displayName").asText()));
        if (desired.hasNonNull("externalId")) {
            ops.add(JSON.objectNode().put("op", "replace").put("path", "externalId")
                    .put("value", desired.get("externalId").asText()));
        }
        return ops;
    }
}
