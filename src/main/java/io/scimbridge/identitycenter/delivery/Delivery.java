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
import io.scimbridge.pipeline.ForwardingDecisions;
import io.scimbridge.pipeline.RulesMetrics;
import io.scimbridge.store.ResourceStore;
import io.scimbridge.store.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One delivery: make Identity Center hold the desired state of one resource, with the fewest
 * calls, by diffing {@code desired = translate(source)} against the shadow. Idempotent: run it
 * twice, or after a crash half-way, and the second run sends only what is still missing.
 */
@ApplicationScoped
public class Delivery {

    /** Identity Center's limit of member changes in one request. */
    static final int MEMBER_CHUNK = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** How a delivery ended when it did not throw. */
    public enum Outcome { DELIVERED, WAITING }

    private final ResourceStore store;
    private final ShadowStore shadows;
    private final IdentityCenterClient client;
    private final IdentityCenterDialect dialect;
    private final OutboxQueue queue;
    private final DirtyMarks marks;
    private final ForwardingDecisions decisions;
    private final RulesMetrics rulesMetrics;
    private final Event<GroupsChanged> groupsChanged;
    private final Event<UserAccessChanged> userAccess;

    public Delivery(ResourceStore store, ShadowStore shadows, IdentityCenterClient client, IdentityCenterDialect dialect,
                    OutboxQueue queue, DirtyMarks marks, ForwardingDecisions decisions, RulesMetrics rulesMetrics,
                    Event<GroupsChanged> groupsChanged, Event<UserAccessChanged> userAccess) {
        this.store = store;
        this.shadows = shadows;
        this.client = client;
        this.dialect = dialect;
        this.queue = queue;
        this.marks = marks;
        this.decisions = decisions;
        this.rulesMetrics = rulesMetrics;
        this.groupsChanged = groupsChanged;
        this.userAccess = userAccess;
    }

    public Outcome deliver(OutboxQueue.Claim claim) {
        SourceSnapshot source = read(claim);
        Optional<Shadow> shadow = shadows.find(claim.resourceId());
        if (source.deleted()) {
            // A group the IdP deleted no longer lists its members in the store, and deleting it
            // marks only the group: with requireGroup, the users it carried in Identity Center
            // (read from the shadow before it goes) are decided again, else a user whose last
            // forwarded group was deleted would stay forwarded.
            List<String> carried = shadow.filter(s -> s.type() == ResourceType.GROUP)
                    .map(s -> List.copyOf(shadows.members(s.resourceId()))).orElse(List.of());
            shadow.ifPresent(this::delete);
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
                shadow.ifPresent(s -> {
                    delete(s);
                    if (claim.type() == ResourceType.USER) {
                        markDependentsDirty(claim.resourceId());
                    }
                });
                if (claim.type() == ResourceType.GROUP) {
                    markMembersForRequireGroup(source.memberIds());
                }
                yield Outcome.DELIVERED;
            }
        };
    }

    /** {@code desired = translate(shape(rules, source))}: the shape part, read with the source. */
    private SourceSnapshot read(OutboxQueue.Claim claim) {
        return QuarkusTransaction.requiringNew().call(() -> store.findById(claim.type(), claim.resourceId())
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

    private void delete(Shadow shadow) {
        if (shadow.type() == ResourceType.USER) {
            userAccess.fire(new UserAccessChanged(shadow.resourceId(), shadow.source(), shadow.icId(),
                    UserAccessChanged.Change.DELETED));
            client.deleteUser(shadow.icId());
        } else {
            client.deleteGroup(shadow.icId());
        }
        shadows.delete(shadow.resourceId());
        if (shadow.type() == ResourceType.GROUP) {
            groupsChanged.fire(new GroupsChanged(shadow.resourceId()));
        }
    }

    private Outcome deliverUser(OutboxQueue.Claim claim, ObjectNode document, Optional<Shadow> shadow,
                                boolean forwarded) {
        ObjectNode desired = dialect.user(document, shadows::icIdOf);
        deliverUserState(claim, desired, shadow);
        if (shadows.setForwarded(claim.resourceId(), forwarded)) {
            // In or out of the forwarded set: its groups carry it, or stop carrying it.
            markDependentsDirty(claim.resourceId());
        }
        return Outcome.DELIVERED;
    }

    private void deliverUserState(OutboxQueue.Claim claim, ObjectNode desired, Optional<Shadow> shadow) {
        if (shadow.isEmpty()) {
            String icId = createOrAdoptUser(claim, desired);
            shadows.save(new Shadow(claim.resourceId(), ResourceType.USER, claim.source(), icId, desired));
            markDependentsDirty(claim.resourceId());
        } else if (!desired.equals(shadow.get().state())) {
            boolean wasActive = shadow.get().state().path("active").asBoolean(true);
            boolean active = desired.path("active").asBoolean(true);
            if (wasActive && !active) {
                userAccess.fire(new UserAccessChanged(claim.resourceId(), claim.source(), shadow.get().icId(),
                        UserAccessChanged.Change.DEACTIVATED));
            }
            try {
                client.replaceUser(shadow.get().icId(), desired);
                shadows.save(new Shadow(claim.resourceId(), ResourceType.USER, claim.source(), shadow.get().icId(), desired));
                if (!wasActive && active) {
                    userAccess.fire(new UserAccessChanged(claim.resourceId(), claim.source(), shadow.get().icId(),
                            UserAccessChanged.Change.REACTIVATED));
                }
            } catch (IdentityCenterException e) {
                if (!e.notFound()) {
                    throw e;
                }
                // Deleted directly in AWS: create it again (drift repair). AWS dropped its
                // memberships with it, and its reports name a manager id that is gone: the
                // shadow forgets both, and the dependents are sent again with the new id.
                shadows.delete(claim.resourceId());
                String icId = createOrAdoptUser(claim, desired);
                shadows.save(new Shadow(claim.resourceId(), ResourceType.USER, claim.source(), icId, desired));
                markDependentsDirty(claim.resourceId());
            }
        }
    }

    /** A 409 means the userName exists there: adopt it, unless another bridge user owns it. */
    private String createOrAdoptUser(OutboxQueue.Claim claim, ObjectNode desired) {
        try {
            return client.createUser(desired);
        } catch (IdentityCenterException e) {
            if (!e.conflict()) {
                throw e;
            }
            String userName = desired.path("userName").asText();
            String icId = client.findUserId(userName).orElseThrow(() -> e);
            requireUnowned(ResourceType.USER, icId, claim.resourceId(), "userName '" + userName + "'");
            client.replaceUser(icId, desired);
            return icId;
        }
    }

    private void requireUnowned(ResourceType type, String icId, String resourceId, String what) {
        Optional<String> owner = shadows.resourceIdOf(type, icId);
        if (owner.isPresent() && !owner.get().equals(resourceId)) {
            // Permanent: no retry helps until an operator or a change to this resource settles
            // it, so it becomes a dead letter (visible, retryable) instead of being retried for
            // ever, and the groups holding it stop waiting for it.
            throw new IdentityCenterException(409, "Identity Center's " + type.wireName() + " with " + what
                    + " already belongs to bridge resource " + owner.get(), null, true);
        }
    }

    /**
     * This user now has an Identity Center id: what depended on it is sent again. Reports were
     * sent without their manager. Its groups too: a group waits (stays dirty) only for members
     * whose own delivery is pending, so a member that was a dead letter, or one re-created under a
     * new id, would otherwise stay missing from the group until the group changes again.
     */
    private void markDependentsDirty(String userId) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Object[] report : store.reportsOf(userId)) {
                marks.mark((String) report[0], ResourceType.USER, (String) report[1]);
            }
            store.findById(ResourceType.USER, userId).ifPresent(user -> {
                for (ResourceStore.MemberRef group : store.groupsOf(user.pk)) {
                    marks.mark(group.id(), ResourceType.GROUP, user.source);
                }
            });
        });
    }

    private Outcome deliverGroup(OutboxQueue.Claim claim, SourceSnapshot source, Optional<Shadow> shadow) {
        ObjectNode desired = dialect.group(source.decision().document());
        String icId;
        if (shadow.isEmpty()) {
            icId = createOrAdoptGroup(claim, desired);
            shadows.save(new Shadow(claim.resourceId(), ResourceType.GROUP, claim.source(), icId, desired));
            groupsChanged.fire(new GroupsChanged(claim.resourceId()));
        } else {
            icId = shadow.get().icId();
            if (!desired.equals(shadow.get().state())) {
                patchOrForget(claim, () -> client.patchGroup(shadow.get().icId(), renameOperations(desired)));
                shadows.save(new Shadow(claim.resourceId(), ResourceType.GROUP, claim.source(), icId, desired));
                groupsChanged.fire(new GroupsChanged(claim.resourceId()));
            }
        }
        String groupIcId = icId;
        Outcome outcome = patchOrForget(claim, () -> syncMembers(claim, groupIcId, source.memberIds()));
        if (decisions.current().users().requireGroup()) {
            Map<String, String> forwarded = shadows.forwardedIcIdsOf(source.memberIds());
            markMembersForRequireGroup(source.memberIds().stream()
                    .filter(m -> !forwarded.containsKey(m) && !queue.pending(m)).toList());
        }
        return outcome;
    }

    /**
     * A 404 on a group PATCH means the group is gone from Identity Center (deleted in the
     * console, or a made-up dry-run id): the shadow forgets it and the next attempt creates it.
     */
    private <T> T patchOrForget(OutboxQueue.Claim claim, java.util.function.Supplier<T> patch) {
        try {
            return patch.get();
        } catch (IdentityCenterException e) {
            if (!e.notFound()) {
                throw e;
            }
            shadows.delete(claim.resourceId());
            throw new IdentityCenterException(404, "the group is gone from Identity Center; it is created again", null);
        }
    }

    private void patchOrForget(OutboxQueue.Claim claim, Runnable patch) {
        patchOrForget(claim, () -> {
            patch.run();
            return null;
        });
    }

    private String createOrAdoptGroup(OutboxQueue.Claim claim, ObjectNode desired) {
        try {
            return client.createGroup(desired);
        } catch (IdentityCenterException e) {
            if (!e.conflict()) {
                throw e;
            }
            String name = desired.path("displayName").asText();
            String icId = client.findGroupId(name).orElseThrow(() -> e);
            requireUnowned(ResourceType.GROUP, icId, claim.resourceId(), "displayName '" + name + "'");
            // Like an adopted user, the adopted group is brought to the desired state (its
            // externalId, the letter case of a name typed by hand in the console): the shadow
            // saved next says Identity Center holds exactly that.
            client.patchGroup(icId, renameOperations(desired));
            // An adopted group's members are unknown to the shadow: members we add that are
            // already there are accepted again by Identity Center (add is idempotent).
            return icId;
        }
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

    /**
     * Members: explicit add and remove lists in chunks of 100 (Identity Center refuses more, and
     * refuses a replace of all members). Only members the rules forward; a member not yet in
     * Identity Center is waited for.
     */
    private Outcome syncMembers(OutboxQueue.Claim claim, String groupIcId, List<String> memberIds) {
        Set<String> current = shadows.members(claim.resourceId());
        Set<String> involved = new HashSet<>(current);
        involved.addAll(memberIds);
        Map<String, String> forwarded = shadows.forwardedIcIdsOf(involved);
        Map<String, String> toAdd = new LinkedHashMap<>();
        boolean waiting = false;
        for (String member : memberIds) {
            if (current.contains(member)) {
                continue;
            }
            String memberIcId = forwarded.get(member);
            if (memberIcId != null) {
                toAdd.put(member, memberIcId);
            } else if (queue.pending(member)) {
                waiting = true;
            }
        }
        Set<String> wanted = Set.copyOf(memberIds);
        List<String> toRemove = current.stream()
                .filter(m -> !wanted.contains(m) || !forwarded.containsKey(m)).toList();
        markMembersForRequireGroup(toRemove);
        for (List<String> chunk : chunks(new ArrayList<>(toAdd.keySet()))) {
            ObjectNode op = JSON.objectNode().put("op", "add").put("path", "members");
            chunk.forEach(m -> op.withArray("value").addObject().put("value", toAdd.get(m)));
            client.patchGroup(groupIcId, List.of(op));
            shadows.addMembers(claim.resourceId(), chunk);
        }
        for (List<String> chunk : chunks(toRemove)) {
            ObjectNode op = JSON.objectNode().put("op", "remove").put("path", "members");
            List<String> removable = new ArrayList<>();
            for (String m : chunk) {
                Optional<String> memberIcId = shadows.icIdOf(m);
                if (memberIcId.isPresent()) {
                    op.withArray("value").addObject().put("value", memberIcId.get());
                    removable.add(m);
                }
            }
            if (!removable.isEmpty()) {
                client.patchGroup(groupIcId, List.of(op));
            }
            shadows.removeMembers(claim.resourceId(), chunk);
        }
        return waiting ? Outcome.WAITING : Outcome.DELIVERED;
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += MEMBER_CHUNK) {
            out.add(ids.subList(i, Math.min(ids.size(), i + MEMBER_CHUNK)));
        }
        return out;
    }
}
