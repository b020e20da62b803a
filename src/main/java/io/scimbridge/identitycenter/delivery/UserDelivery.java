package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.IdentityCenterDialect;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A user the rules forward, or one they exclude that Identity Center holds (deactivated): its
 * desired state translated and sent ({@link UserSync}), then whether it is forwarded recorded in the
 * shadow. Recorded only once Identity Center holds the state, because groups add only forwarded
 * members: a user still marked forwarded while its deactivation is held stays in its groups.
 */
@ApplicationScoped
public class UserDelivery {

    private final IdentityCenterDialect dialect;
    private final ShadowStore shadows;
    private final UserSync sync;
    private final Dependents dependents;

    public UserDelivery(IdentityCenterDialect dialect, ShadowStore shadows, UserSync sync, Dependents dependents) {
        this.dialect = dialect;
        this.shadows = shadows;
        this.sync = sync;
        this.dependents = dependents;
    }

    Delivery.Outcome deliver(OutboxQueue.Claim claim, ObjectNode document, Optional<Shadow> shadow, boolean forwarded) {
        ObjectNode desired = dialect.user(document, shadows::icIdOf);
        UserSync.Result synced = sync.sync(claim, desired, shadow);
        if (synced == UserSync.Result.HELD) {
            return Delivery.Outcome.DELIVERED; // deactivation held: still forwarded, its groups keep it
        }
        if (synced == UserSync.Result.CREATED && forwarded) {
            return Delivery.Outcome.DELIVERED; // a new shadow is forwarded, and its dependents were marked
        }
        if (shadows.setForwarded(claim.resourceId(), forwarded)) {
            // In or out of the forwarded set: its groups carry it, or stop carrying it.
            dependents.markDependentsOf(claim.resourceId());
        }
        return Delivery.Outcome.DELIVERED;
    }
}
