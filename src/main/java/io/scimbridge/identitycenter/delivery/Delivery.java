package io.scimbridge.identitycenter.delivery;

import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
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
 *
 * <p>This class only reads both sides ({@link SidesReader}) and hands the resource to what its
 * source state asks for: {@link UserDelivery}, {@link GroupDelivery} or {@link Deletions}. The
 * removals a delivery holds are counted here, around all of them, because the outcome is the
 * whole delivery's: held anywhere, the loop parks the mark.
 */
@ApplicationScoped
public class Delivery {

    /**
     * How a delivery ended when it did not throw: everything sent; some members still awaited;
     * removals held by the deprovisioning guard (the rest was sent).
     */
    public enum Outcome { DELIVERED, WAITING, HELD }

    private final Removals removals;
    private final SidesReader reader;
    private final Deletions deletions;
    private final UserDelivery users;
    private final GroupDelivery groups;

    public Delivery(Removals removals, SidesReader reader, Deletions deletions, UserDelivery users,
                    GroupDelivery groups) {
        this.removals = removals;
        this.reader = reader;
        this.deletions = deletions;
        this.users = users;
        this.groups = groups;
    }

    public Outcome deliver(OutboxQueue.Claim claim) {
        Outcome outcome;
        try {
            // what the store knows of the resource, the guard's part included, in one read-only transaction
            Sides read = ReadOnly.call(() -> {
                removals.begin(claim.resourceId());
                return reader.read(claim);
            });
            outcome = deliverSourceState(claim, reader.resolve(claim, read));
        } catch (RuntimeException e) {
            removals.abandon(claim.resourceId());
            throw e;
        }
        boolean held = removals.settle(claim.resourceId());
        return held && outcome == Outcome.DELIVERED ? Outcome.HELD : outcome;
    }

    private Outcome deliverSourceState(OutboxQueue.Claim claim, Sides sides) {
        SourceSnapshot source = sides.source();
        Optional<Shadow> shadow = sides.shadow();
        if (source.deleted()) {
            return deletions.sourceDeleted(shadow);
        }
        return switch (source.decision().effect()) {
            case FORWARD -> claim.type() == ResourceType.USER
                    ? users.deliver(claim, source.decision().document(), shadow, true)
                    : groups.deliver(claim, source, shadow);
            // Excluded by the rules: never created; one Identity Center holds is deactivated
            // (users.whenExcluded: deactivate) or deleted.
            case DEACTIVATE -> shadow.isPresent() ? users.deliver(claim, source.decision().document(), shadow, false)
                    : Outcome.DELIVERED;
            case DELETE -> deletions.excluded(claim, source, shadow);
        };
    }
}
