package io.scimbridge.guard;

import io.scimbridge.audit.AuditOperation;
import io.scimbridge.audit.BridgeActions;
import io.scimbridge.correlation.CorrelationId;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The mass-deprovisioning guard: asked before each removal in AWS (a user deactivated or deleted,
 * a group deleted, a member removed, an assignment deleted; session revocation follows those), it
 * counts the distinct subjects losing access over a sliding window and, past the limit, trips.
 * Tripped, every removal is held (not sent; its owner stays dirty) until an operator releases it,
 * or until the owner's next delivery no longer asks for it (the IdP or the rules were fixed: desired
 * equals Identity Center again). Creates and updates are never asked about, so they go on.
 *
 * <p>The count looks ahead: leavers already queued (dirty marks that revoke access) count as if
 * sent, so a burst the IdP sent before delivery reached it trips before any of it goes out. The
 * state lives in the store (V12): a restart while tripped keeps the held set.
 */
@ApplicationScoped
public class DeprovisionGuard {

    private static final Logger LOG = Logger.getLogger(DeprovisionGuard.class);
    private static final String AUDIT_TYPE = "Guard";

    /** How long a delivery with held removals is parked (a release or a new change makes it due at once). */
    public static final Duration PARK = Duration.ofMinutes(5);

    private final GuardStore store;
    private final GuardConfig config;
    private final BridgeActions audit;
    private final Event<GuardReleased> released;
    private final Protection protection;
    private final Clock clock = Clock.systemUTC();

    public DeprovisionGuard(GuardStore store, GuardConfig config, BridgeActions audit, Event<GuardReleased> released,
                            Protection protection) {
        this.protection = protection;
        this.store = store;
        this.config = config;
        this.audit = audit;
        this.released = released;
    }

    /**
     * Asks to send these removals (one delivery's, sent together). Those that take something from a
     * protected user or group are refused; of the others, all or none are held, except that
     * removals an operator released are never held.
     *
     * @param queuedAhead leavers queued behind this delivery, counted as if sent
     */
    public Admission admit(List<Removal> removals, long queuedAhead) {
        List<Removal> unprotected = refuseProtected(removals);
        Map<String, Verdict> verdicts = new HashMap<>();
        removals.stream().filter(r -> !unprotected.contains(r)).forEach(r -> verdicts.put(r.key(), Verdict.REFUSE));
        decide(unprotected, queuedAhead, true).forEach(key -> verdicts.put(key, Verdict.HOLD));
        return new Admission(verdicts);
    }

    /** Whether the guard can trip (not both limits 0). */
    public boolean enabled() {
        return config.enabled();
    }

    /** Whether some user or group is protected: callers look names up only then. */
    public boolean protectsAnyone() {
        return !protection.current().isEmpty();
    }

    /**
     * Removals from protected principals are never sent, whatever the IdP or the rules say: each
     * refusal is logged and audited. Returns the others.
     */
    private List<Removal> refuseProtected(List<Removal> removals) {
        if (removals.isEmpty() || !protectsAnyone()) {
            return removals;
        }
        List<Removal> others = new ArrayList<>();
        for (Removal r : removals) {
            if (protection.protects(r)) {
                LOG.warnf("Protected (rules file, protect:): refused to %s", r.description());
                audit.record(r.source() == null ? "bridge" : r.source(), AuditOperation.PROTECT, AUDIT_TYPE,
                        r.ownerId(), r.userName() != null ? r.userName() : r.groupName(),
                        List.of("refused: " + r.description(), "protected by the rules file (protect:)"));
            } else {
                others.add(r);
            }
        }
        return others;
    }

    /**
     * Removals a change is about to cause (a rules edit, forecast by the delivery preview before any
     * resource is marked dirty): when they alone pass the limit the guard trips and holds them now,
     * before the first one is sent; otherwise nothing happens (each is asked again when delivered).
     */
    public Set<String> anticipate(List<Removal> removals) {
        return decide(removals.stream().filter(r -> !protection.protects(r)).toList(), 0, false);
    }

    private synchronized Set<String> decide(List<Removal> removals, long queuedAhead, boolean sending) {
        if (removals.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Instant since = now.minus(config.window());
        Trip trip = GuardStore.inTransaction(() -> {
            List<Removal> undecided = new ArrayList<>();
            for (Removal r : removals) {
                Optional<HeldRemoval> held = store.held(r.key());
                if (held.isPresent() && (held.get().released() || !config.enabled())) {
                    if (sending) {
                        store.forget(r.key()); // released (or the guard switched off): sent, not counted
                    }
                } else {
                    undecided.add(r);
                }
            }
            if (undecided.isEmpty() || !config.enabled() || !sending && store.unreleased() > 0) {
                return null;
            }
            store.purgeSentBefore(since);
            boolean tripped = store.unreleased() > 0;
            Trip newTrip = null;
            if (!tripped) {
                long fresh = undecided.stream().map(Removal::subject).distinct()
                        .filter(s -> !store.sentSince(s, since)).count();
                long count = store.subjectsSentSince(since) + queuedAhead + fresh;
                long managed = store.managed();
                long limit = config.limit(managed);
                if (count <= limit) {
                    if (sending) {
                        store.recordSent(undecided, now);
                    }
                    return null;
                }
                newTrip = new Trip(true, count, limit, managed, undecided);
            }
            String correlation = CorrelationId.current().orElse(null);
            undecided.forEach(r -> store.hold(r, correlation, now));
            return newTrip != null ? newTrip : new Trip(false, 0, 0, 0, undecided);
        });
        if (trip == null) {
            return Set.of();
        }
        Removal first = trip.held().getFirst();
        if (trip.now()) {
            LOG.warnf("Deprovisioning guard tripped: %d subjects would lose access within %s, above the limit of %d"
                            + " (%d managed); removals are held until released (GET /admin/guard) or the source is fixed;"
                            + " first held: %s", trip.count(), config.window(), trip.limit(), trip.managed(),
                    first.description());
            audit.record(first.source() == null ? "bridge" : first.source(), AuditOperation.HOLD, AUDIT_TYPE,
                    null, "tripped", List.of("would remove " + trip.count() + " within " + config.window(),
                            "limit " + trip.limit() + " (" + config.maxDeprovisions() + " or " + config.maxPercent()
                                    + "% of " + trip.managed() + " managed)", "first held: " + first.description()));
        } else {
            LOG.debugf("Deprovisioning guard is tripped: held %s", first.description());
        }
        return trip.held().stream().map(Removal::key).collect(Collectors.toSet());
    }

    /** What a call held; {@code now} when this call tripped the guard (with the count that did), else it was tripped. */
    private record Trip(boolean now, long count, long limit, long managed, List<Removal> held) {}

    /** Whether anything of this owner is held; in the caller's read-only transaction when it runs one. */
    public boolean holdsAnyOf(String ownerId) {
        return ReadOnly.call(() -> store.holdsAnyOf(ownerId));
    }

    /**
     * The owner's delivery ended: its held removals that it did not ask for again are dropped (the
     * source was fixed, or they were sent after a release). Returns whether the owner still has held ones.
     */
    public boolean settle(String ownerId, Collection<String> stillHeld) {
        // read first: nearly every delivery holds nothing, and the writer is the store's scarce resource
        return settle(ownerId, stillHeld, holdsAnyOf(ownerId));
    }

    /**
     * {@link #settle(String, Collection)} for a delivery that read {@link #holdsAnyOf} when it
     * began: when nothing of the owner was held then, everything held now is what this delivery
     * held (one delivery per owner at a time), so nothing is to be dropped and there is nothing to read.
     */
    public boolean settle(String ownerId, Collection<String> stillHeld, boolean heldAtStart) {
        if (!heldAtStart) {
            return !stillHeld.isEmpty();
        }
        int forgotten = GuardStore.inTransaction(() -> store.forgetOwnerExcept(ownerId, stillHeld));
        if (forgotten > 0) {
            LOG.infof("Deprovisioning guard: %d held removal(s) of %s no longer asked for, dropped", forgotten, ownerId);
        }
        return !stillHeld.isEmpty();
    }

    /**
     * Releases held removals: all ({@code names} empty), or those named by key, owner id or subject.
     * Their owners are delivered again and this time the removals are sent. Returns what was released.
     */
    public List<HeldRemoval> release(Collection<String> names, String by) {
        Set<String> wanted = new LinkedHashSet<>(names);
        List<HeldRemoval> releasing = GuardStore.inTransaction(() -> {
            List<HeldRemoval> matched = store.all().stream().filter(h -> !h.released())
                    .filter(h -> wanted.isEmpty() || wanted.contains(h.key()) || wanted.contains(h.ownerId())
                            || wanted.contains(h.subject())).toList();
            matched.forEach(h -> store.markReleased(h.key()));
            return matched;
        });
        if (!releasing.isEmpty()) {
            LOG.warnf("Deprovisioning guard: %s released %d held removal(s)", by, releasing.size());
            List<String> details = new ArrayList<>();
            details.add("released " + releasing.size() + (wanted.isEmpty() ? " (all)" : " (named)"));
            releasing.stream().limit(20).forEach(h -> details.add(h.description()));
            audit.record(by, AuditOperation.RELEASE, AUDIT_TYPE, null, "released", details);
            released.fire(new GuardReleased(releasing));
        }
        return releasing;
    }

    /** What {@code GET /admin/guard} shows. */
    public record Status(boolean enabled, boolean tripped, long held, long released, long sentInWindow, long limit,
                         long managed, Duration window, Instant trippedSince, List<HeldRemoval> removals) {}

    public Status status() {
        Instant since = clock.instant().minus(config.window());
        return GuardStore.inTransaction(() -> {
            List<HeldRemoval> all = store.all();
            long releasedCount = all.stream().filter(HeldRemoval::released).count();
            long held = all.size() - releasedCount;
            long managed = store.managed();
            Instant trippedSince = all.stream().filter(h -> !h.released()).map(HeldRemoval::heldSince).min(Instant::compareTo)
                    .orElse(null);
            return new Status(config.enabled(), held > 0, held, releasedCount, store.subjectsSentSince(since),
                    config.enabled() ? config.limit(managed) : 0, managed, config.window(), trippedSince, all);
        });
    }
}
