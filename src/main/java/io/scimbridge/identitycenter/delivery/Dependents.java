package io.scimbridge.identitycenter.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.identitycenter.outbox.DirtyMarks;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.rules.ForwardingDecisions;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a delivery changed may change what other resources must send: a user's reports name its
 * Identity Center id as their manager, its groups list it, and with {@code users.requireGroup} a
 * user's forwarding depends on its groups. Those resources are marked dirty again, in a short
 * transaction of their own, so that their own deliveries catch up: a delivery sends only its own
 * resource.
 */
@ApplicationScoped
public class Dependents {

    private final SourceResources resources;
    private final DirtyMarks marks;
    private final ForwardingDecisions decisions;
    private final ShadowStore shadows;
    private final OutboxQueue queue;

    public Dependents(SourceResources resources, DirtyMarks marks, ForwardingDecisions decisions, ShadowStore shadows,
                      OutboxQueue queue) {
        this.resources = resources;
        this.marks = marks;
        this.decisions = decisions;
        this.shadows = shadows;
        this.queue = queue;
    }

    /**
     * This user now has an Identity Center id: what depended on it is sent again. Reports were
     * sent without their manager. Its groups too: a group waits (stays dirty) only for members
     * whose own delivery is pending, so a member that was a dead letter, or one re-created under a
     * new id, would otherwise stay missing from the group until the group changes again.
     */
    void markDependentsOf(String userId) {
        // read beside the writer; most users (all of them in an initial sync) have nothing to mark
        List<Dependent> dependents = ReadOnly.call(() -> {
            List<Dependent> found = new ArrayList<>();
            for (SourceResources.Ref report : resources.reportsOf(userId)) {
                found.add(new Dependent(report.id(), ResourceType.USER, report.source()));
            }
            resources.ref(ResourceType.USER, userId).ifPresent(user -> resources.groupIdsOf(user.pk())
                    .forEach(groupId -> found.add(new Dependent(groupId, ResourceType.GROUP, user.source()))));
            return found;
        });
        if (!dependents.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> dependents.forEach(d -> marks.mark(d.id(), d.type(), d.source())));
        }
    }

    private record Dependent(String id, ResourceType type, String source) {}

    /**
     * With {@code users.requireGroup}, a user's forwarding depends on its groups: when a group's
     * members or forwarding change, its members are decided again.
     */
    void markMembersForRequireGroup(List<String> memberIds) {
        if (!decisions.current().users().requireGroup() || memberIds.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (String member : memberIds) {
                resources.ref(ResourceType.USER, member)
                        .ifPresent(u -> marks.mark(u.id(), ResourceType.USER, u.source()));
            }
        });
    }

    /**
     * With {@code users.requireGroup}, a group's members that are neither forwarded nor on their
     * way are decided again: one the group now carries may have been excluded only for want of it.
     */
    void markUnforwardedMembersForRequireGroup(List<String> memberIds) {
        if (decisions.current().users().requireGroup()) {
            Map<String, String> forwarded = shadows.forwardedIcIdsOf(memberIds);
            markMembersForRequireGroup(memberIds.stream()
                    .filter(m -> !forwarded.containsKey(m) && !queue.pending(m)).toList());
        }
    }
}
