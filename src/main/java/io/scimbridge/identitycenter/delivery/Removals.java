package io.scimbridge.identitycenter.delivery;

import io.scimbridge.guard.Admission;
import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.guard.Removal;
import io.scimbridge.guard.Verdict;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every removal delivery makes in Identity Center goes through here, and the deprovisioning guard
 * is asked first ({@link DeprovisionGuard}): a user deactivated or deleted, a group deleted,
 * members removed. A removal from a protected user or group ({@code protect:}) is refused: never
 * sent, the delivery goes on. A held removal is not sent and leaves the shadow as it is, so the next diff asks
 * for it again; what a delivery held is remembered for the delivery ({@link #begin}, {@link #settle})
 * so that one no longer asked for (the source was fixed) is dropped from the held set.
 */
@ApplicationScoped
public class Removals {

    private final DeprovisionGuard guard;
    private final IdentityCenterClient client;
    private final ShadowStore shadows;
    private final OutboxQueue queue;
    private final Event<UserAccessChanged> userAccess;
    /** What the delivery running for each owner held (one at a time per owner: the lease). */
    private final Map<String, DeliveryHolds> heldByDelivery = new ConcurrentHashMap<>();

    /** The keys a delivery held, and whether the guard held anything of its owner when it began. */
    private record DeliveryHolds(Set<String> keys, boolean heldAtStart) {}

    public Removals(DeprovisionGuard guard, IdentityCenterClient client, ShadowStore shadows, OutboxQueue queue,
                    Event<UserAccessChanged> userAccess) {
        this.guard = guard;
        this.client = client;
        this.shadows = shadows;
        this.queue = queue;
        this.userAccess = userAccess;
    }

    /** A delivery of the owner begins; reads the guard in the caller's read-only transaction, if any. */
    void begin(String ownerId) {
        heldByDelivery.put(ownerId, new DeliveryHolds(ConcurrentHashMap.newKeySet(), guard.holdsAnyOf(ownerId)));
    }

    /** The owner's delivery ended without failing; whether it held anything. */
    boolean settle(String ownerId) {
        DeliveryHolds held = heldByDelivery.remove(ownerId);
        return held == null ? guard.settle(ownerId, Set.of()) : guard.settle(ownerId, held.keys(), held.heldAtStart());
    }

    /** The delivery failed: what it held stays held as it was. */
    void abandon(String ownerId) {
        heldByDelivery.remove(ownerId);
    }

    /**
     * Deletes the user or group in Identity Center unless the guard holds it; whether it was sent.
     * A user's deletion is reported before the call (session revocation records it durably first),
     * and {@code beforeSend} runs then too (a group's members are reported as leaving it).
     */
    boolean delete(Shadow shadow, Runnable beforeSend) {
        boolean user = shadow.type() == ResourceType.USER;
        String name = name(shadow);
        Removal removal = new Removal(user ? Removal.Kind.USER_DELETE : Removal.Kind.GROUP_DELETE, shadow.resourceId(),
                shadow.resourceId(), user ? name : null, user ? null : name, shadow.source(),
                (user ? "delete user " : "delete group ") + name, null);
        if (!ask(shadow.resourceId(), List.of(removal)).sends(removal)) {
            return false;
        }
        beforeSend.run();
        if (user) {
            userAccess.fire(new UserAccessChanged(shadow.resourceId(), shadow.source(), shadow.icId(),
                    UserAccessChanged.Change.DELETED));
            client.deleteUser(shadow.icId());
        } else {
            client.deleteGroup(shadow.icId());
        }
        shadows.delete(shadow.resourceId());
        return true;
    }

    /**
     * Whether the user may be deactivated; if so the deactivation is reported (before the call,
     * like a deletion) and the caller sends it.
     */
    Verdict deactivate(Shadow shadow) {
        Removal removal = new Removal(Removal.Kind.USER_DEACTIVATE, shadow.resourceId(), shadow.resourceId(),
                name(shadow), null, shadow.source(), "deactivate user " + name(shadow), null);
        Verdict verdict = ask(shadow.resourceId(), List.of(removal)).of(removal);
        if (verdict == Verdict.SEND) {
            userAccess.fire(new UserAccessChanged(shadow.resourceId(), shadow.source(), shadow.icId(),
                    UserAccessChanged.Change.DEACTIVATED));
        }
        return verdict;
    }

    /** After a user was re-activated in Identity Center: what session revocation lifts its Deny on. */
    void reactivated(Shadow shadow) {
        userAccess.fire(new UserAccessChanged(shadow.resourceId(), shadow.source(), shadow.icId(),
                UserAccessChanged.Change.REACTIVATED));
    }

    /**
     * Of the members leaving a group, those that may be removed: none when the guard holds them,
     * never a protected member, none from a protected group.
     */
    List<String> membersToRemove(String groupId, String source, String groupName, Collection<String> leaving) {
        if (leaving.isEmpty()) {
            return List.of();
        }
        boolean names = guard.protectsAnyone();
        List<Removal> removals = leaving.stream().map(m -> {
            String userName = names ? shadows.find(m).map(Removals::name).orElse(null) : null;
            return new Removal(Removal.Kind.MEMBER_REMOVE, groupId, m, userName, groupName, source,
                    "remove " + (userName == null ? "member " + m : userName) + " from group " + groupName, null);
        }).toList();
        Admission admission = ask(groupId, removals);
        return removals.stream().filter(admission::sends).map(Removal::subject).toList();
    }

    private Admission ask(String ownerId, List<Removal> removals) {
        Admission admission = guard.admit(removals, queue.leaversQueuedBesides(ownerId));
        DeliveryHolds delivery = heldByDelivery.get(ownerId);
        if (delivery != null) {
            removals.stream().filter(r -> admission.of(r) == Verdict.HOLD).forEach(r -> delivery.keys().add(r.key()));
        }
        return admission;
    }

    private static String name(Shadow shadow) {
        String name = shadow.state().path(shadow.type() == ResourceType.USER ? "userName" : "displayName").asText("");
        return name.isEmpty() ? shadow.resourceId() : name;
    }
}
