package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.client.IdentityCenterException;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A user's attributes in Identity Center made equal to the desired ones: created ({@link Creates}),
 * or replaced when they differ from the shadow. Write-ahead like the rest of delivery: the shadow's
 * state is marked in flight before the replace is sent, so a process killed before the answer is
 * recorded leaves a state no desired one equals, and the next diff sends the replace again. A
 * deactivation is a removal and asks {@link Removals} first; a user deleted directly in AWS is
 * created again (the IdP still wants it), and what referred to its old id is sent again.
 */
@ApplicationScoped
public class UserSync {

    private final ShadowStore shadows;
    private final IdentityCenterClient client;
    private final Creates creates;
    private final Removals removals;
    private final Dependents dependents;

    public UserSync(ShadowStore shadows, IdentityCenterClient client, Creates creates, Removals removals,
                    Dependents dependents) {
        this.shadows = shadows;
        this.client = client;
        this.creates = creates;
        this.removals = removals;
        this.dependents = dependents;
    }

    /** How a sync ended. */
    enum Result {
        /** Identity Center holds the desired state, in a shadow this sync wrote anew (forwarded, as a new shadow is). */
        CREATED,
        /** Identity Center holds the desired state. */
        SYNCED,
        /** The deactivation is held by the deprovisioning guard. */
        HELD
    }

    Result sync(OutboxQueue.Claim claim, ObjectNode desired, Optional<Shadow> shadow) {
        if (shadow.isEmpty()) {
            String icId = creates.user(claim, desired);
            shadows.save(new Shadow(claim.resourceId(), ResourceType.USER, claim.source(), icId, desired));
            dependents.markDependentsOf(claim.resourceId());
            return Result.CREATED;
        } else if (!desired.equals(shadow.get().state())) {
            boolean wasActive = shadow.get().state().path("active").asBoolean(true);
            boolean active = desired.path("active").asBoolean(true);
            if (wasActive && !active) {
                switch (removals.deactivate(shadow.get())) {
                    case HOLD -> {
                        return Result.HELD;
                    }
                    case REFUSE -> {
                        // protected: Identity Center keeps it active; its other changes still go
                        desired = desired.deepCopy().put("active", true);
                        active = true;
                        if (desired.equals(shadow.get().state())) {
                            return Result.SYNCED;
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
                dependents.markDependentsOf(claim.resourceId());
                return Result.CREATED;
            }
        }
        return Result.SYNCED;
    }
}
