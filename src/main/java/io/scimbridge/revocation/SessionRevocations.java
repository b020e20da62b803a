package io.scimbridge.revocation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.scimbridge.identitycenter.delivery.UserAccessChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Session revocation, level-triggered: delivery reports a user deactivated or deleted in Identity
 * Center ({@link UserAccessChanged}, before it sends the change) and the user goes on the deny list
 * in the store; re-activated, it comes off. A run computes the desired list (the store, minus the
 * expired entries), diffs it against what AWS holds and applies the difference ({@link ScpRevoker}).
 * Runs at once after a change (checked every second), after a failure with a growing pause, when
 * an entry expires, and every {@code reconcile-interval} to repair drift; the first run after a
 * start reads AWS back, so a restart in the middle resumes where it was.
 */
@ApplicationScoped
@Startup
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /** The latest run: when, whether it reached AWS, and what AWS holds after it. */
    public record Run(Instant at, boolean succeeded, String error, List<String> problems,
                      Map<String, ScpRevoker.PolicyUse> policies, int uncovered, boolean dryRun) {
    }

    private final SessionRevocationConfig config;
    private final RevocationStore store;
    private final HoldTime hold;
    private final ScpGateways gateways;
    private final MeterRegistry metrics;
    private final AtomicInteger listed = new AtomicInteger();
    private final AtomicInteger uncovered = new AtomicInteger();
    private final AtomicReference<Run> last = new AtomicReference<>();
    private final Counter failures;
    private final Timer latency;
    private volatile boolean requested = true;
    private Instant nextFull = Instant.EPOCH;
    private Instant pausedUntil = Instant.EPOCH;
    private Duration pause = Duration.ZERO;

    public SessionRevocations(SessionRevocationConfig config, RevocationStore store, HoldTime hold, ScpGateways gateways,
                              MeterRegistry metrics) {
        this.config = config;
        this.store = store;
        this.hold = hold;
        this.gateways = gateways;
        this.metrics = metrics;
        metrics.gauge("bridge.session.revocations", listed);
        metrics.gauge("bridge.session.revocations.uncovered", uncovered);
        this.failures = Counter.builder("bridge.session.revocation.failures")
                .description("Session revocation runs that failed (AWS refused or did not answer)").register(metrics);
        this.latency = Timer.builder("bridge.session.revocation")
                .description("Time from the IdP's request to the Deny of the leaver's sessions being in force in AWS")
                .publishPercentileHistogram().register(metrics);
        switch (config.mode()) {
            case OFF -> LOG.info("Session revocation is off: a leaver's live AWS role sessions (console, CLI) stay valid"
                    + " until they expire, up to 12 hours after the IdP's request. Set bridge.session-revocation.mode=scp"
                    + " (or permission-sets) to deny them within seconds (README, \"Session revocation\").");
            case SCP -> LOG.infof("Session revocation: mode scp, targets %s", config.targets().map(Object::toString)
                    .orElse("the organisation's root"));
            case PERMISSION_SETS -> LOG.warn("Session revocation: mode permission-sets is not built yet; nothing is"
                    + " denied. Use mode scp.");
        }
    }

    public SessionRevocationConfig.Mode mode() {
        return config.mode();
    }

    /** Delivery is about to deactivate or delete a user, or re-activated one: the deny list follows. */
    void onUserAccess(@Observes UserAccessChanged changed) {
        if (config.mode() == SessionRevocationConfig.Mode.OFF) {
            return;
        }
        Instant now = Instant.now();
        switch (changed.change()) {
            case DEACTIVATED, DELETED -> {
                Instant requestedAt = store.markedAt(changed.resourceId()).filter(t -> t.isBefore(now)).orElse(now);
                store.add(new Revocation(changed.icUserId(), changed.resourceId(), changed.source(),
                        changed.change().name().toLowerCase(java.util.Locale.ROOT), requestedAt, now,
                        now.plus(hold.current()), null, null));
                LOG.infof("Session revocation: Identity Center user %s (resource %s, %s) goes on the deny list until %s",
                        changed.icUserId(), changed.resourceId(), changed.change(), now.plus(hold.current()));
            }
            case REACTIVATED -> store.remove(changed.icUserId()).ifPresent(r -> LOG.infof(
                    "Session revocation: Identity Center user %s (resource %s) re-activated, off the deny list",
                    r.icUserId(), r.resourceId()));
        }
        requested = true;
    }

    /** Asks for a run at the next tick. */
    public void request() {
        requested = true;
    }

    @Scheduled(every = "${bridge.session-revocation.check-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.mode() != SessionRevocationConfig.Mode.SCP) {
            return;
        }
        Instant now = Instant.now();
        if (now.isBefore(pausedUntil)) {
            return;
        }
        boolean expiryDue = store.all().stream().anyMatch(r -> !r.expiresAt().isAfter(now));
        if (requested || expiryDue || !now.isBefore(nextFull)) {
            requested = false;
            run();
        }
    }

    /** Computes the deny list, diffs it against AWS and applies the difference; one run at a time. */
    public synchronized Run run() {
        Instant now = Instant.now();
        try {
            if (!gateways.dryRun()) {
                hold.refresh(now);
            }
            List<Revocation> listedNow = store.all();
            List<String> desired = listedNow.stream().filter(r -> r.expiresAt().isAfter(now))
                    .map(Revocation::icUserId).toList();
            ScpRevoker.Outcome outcome = new ScpRevoker(gateways.gateway()).apply(desired, config.targets().orElse(List.of()));
            Instant applied = Instant.now();
            store.placed(outcome.inForce(), applied);
            for (Revocation r : listedNow) {
                if (r.inForceAt() == null && outcome.inForce().containsKey(r.icUserId())) {
                    Duration took = Duration.between(r.requestedAt(), applied);
                    latency.record(took);
                    LOG.infof("Session revocation: sessions of Identity Center user %s denied in %s, %d ms after the"
                            + " IdP's request", r.icUserId(), outcome.inForce().get(r.icUserId()), took.toMillis());
                }
            }
            store.forgetExpired(applied, outcome.inAws()).forEach(r -> LOG.infof(
                    "Session revocation: Identity Center user %s off the deny list, its hold ended at %s", r.icUserId(),
                    r.expiresAt()));
            outcome.problems().forEach(p -> LOG.warnf("Session revocation: %s", p));
            listed.set(store.all().size());
            uncovered.set(outcome.overflow().size());
            nextFull = now.plus(config.reconcileInterval());
            pause = Duration.ZERO;
            return remember(new Run(now, true, null, outcome.problems(), outcome.policies(), outcome.overflow().size(),
                    gateways.dryRun()));
        } catch (RuntimeException e) {
            failures.increment();
            requested = true;
            pause = pause.isZero() ? Duration.ofSeconds(1) : pause.multipliedBy(2);
            if (pause.compareTo(MAX_PAUSE) > 0) {
                pause = MAX_PAUSE;
            }
            pausedUntil = Instant.now().plus(pause);
            LOG.warnf("Session revocation run failed, retried in %s: %s", pause, e.toString());
            int pending = (int) store.all().stream().filter(r -> r.inForceAt() == null).count();
            uncovered.set(Math.max(uncovered.get(), pending));
            Run previous = last.get();
            return remember(new Run(now, false, e.toString(), List.of(), previous == null ? Map.of() : previous.policies(),
                    uncovered.get(), gateways.dryRun()));
        }
    }

    public Optional<Run> last() {
        return Optional.ofNullable(last.get());
    }

    public List<Revocation> list() {
        return store.all();
    }

    public Duration holdTime() {
        return hold.current();
    }

    private Run remember(Run run) {
        last.set(run);
        return run;
    }
}
