package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.IdentityCenterDialect;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A group the rules forward: its desired state translated and sent ({@link GroupSync}), name first
 * (a created group has no id to add members to), then its members. With {@code users.requireGroup}
 * the users it carries, or stops carrying, are decided again ({@link Dependents}): those leaving
 * before anything is sent, so that a PATCH that fails does not leave them undecided.
 */
@ApplicationScoped
public class GroupDelivery {

    private final IdentityCenterDialect dialect;
    private final GroupSync sync;
    private final Dependents dependents;

    public GroupDelivery(IdentityCenterDialect dialect, GroupSync sync, Dependents dependents) {
        this.dialect = dialect;
        this.sync = sync;
        this.dependents = dependents;
    }

    Delivery.Outcome deliver(OutboxQueue.Claim claim, SourceSnapshot source, Optional<Shadow> shadow) {
        ObjectNode desired = dialect.group(source.decision().document());
        String icId = sync.attributes(claim, desired, shadow);
        boolean waiting = sync.members(claim, icId, desired, source.memberIds(), dependents::markMembersForRequireGroup);
        dependents.markUnforwardedMembersForRequireGroup(source.memberIds());
        return waiting ? Delivery.Outcome.WAITING : Delivery.Outcome.DELIVERED;
    }
}
