package io.scimbridge.revocation;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Session revocation, level-triggered: the deny list is in the store ({@link RevocationEvents}
 * writes it as delivery reports users deactivated, deleted, re-activated or removed from groups).
 * A run computes the desired list (the store, minus the expired entries), diffs it against what
 * AWS holds and applies the difference ({@link Coverage}: SCPs and/or permission sets' inline
 * policies). Runs at once after a change (checked every second), after a failure with a growing
 * pause, when an entry expires, and every {@code reconcile-interval} to repair drift; the first
 * run after a start reads AWS back, so a restart in the middle resumes where it was.
 */
@ApplicationScoped
@Startup
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /** One permission set holding the bridge's statement. */
    public record PermissionSetUse(String arn, int users, int characters, int accounts) {
    }

    /**
     * The latest run: when, whether it reached AWS, and what AWS holds after it.
     *
     * @param managementAccount the management account whose permission sets carry the Deny (mode scp), or null
     * @param overflowToPermissionSets leavers denied in permission sets for want of SCP room (mode scp)
     */
    public record Run(Instant at, boolean succeeded, String error, List<String> problems,
                      Map<String, ScpRevoker.PolicyUse> policies, List<PermissionSetUse> permissionSets,
                      int uncovered, String managementAccount, int overflowToPermissionSets, boolean dryRun) {
    }

    private final SessionRevocationConfig config;
    private final RevocationStore store;
    private final ScopedRevocationStore scoped;
    private final Coverage coverage;
    private final RevocationJournal journal;
    private final AtomicReference<Run> last = new AtomicReference<>();
    private volatile boolean requested = true;
    private Instant nextFull = Instant.EPOCH;
    private Instant pausedUntil = Instant.EPOCH;
    private Duration pause = Duration.ZERO;

    public SessionRevocations(SessionRevocationConfig config, RevocationStore store, ScopedRevocationStore scoped,
                              Coverage coverage, RevocationJournal journal) {
        this.config = config;
        this.store = store;
        this.scoped = scoped;
        this.coverage = coverage;
        this.journal = journal;
        switch (config.mode()) {
            case OFF -> LOG.info("Session revocation is off: a leaver's live AWS role sessions (console, CLI) stay valid"
                    + " until they expire, up to 12 hours after the IdP's request. Set bridge.session-revocation.mode=scp"
                    + " (or permission-sets) to deny them within seconds (README, \"Session revocation\").");
            case SCP -> LOG.infof("Session revocation: mode scp, targets %s; the overflow and the management account"
                    + " through permission sets' inline policies", config.targets().map(Object::toString)
                    .orElse("the organisation's root"));
            case PERMISSION_SETS -> LOG.info("Session revocation: mode permission-sets (the Deny in the inline policy of"
                    + " every provisioned permission set)");
        }
    }

    public SessionRevocationConfig.Mode mode() {
        return config.mode();
    }

    /** Asks for a run at the next tick. */
    public void request() {
        requested = true;
    }

    @Scheduled(every = "${bridge.session-revocation.check-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.mode() == SessionRevocationConfig.Mode.OFF) {
            return;
        }
        Instant now = Instant.now();
        if (now.isBefore(pausedUntil)) {
            return;
        }
        boolean expiryDue = store.all().stream().anyMatch(r -> !r.expiresAt().isAfter(now))
                || scoped.all().stream().anyMatch(r -> !r.expiresAt().isAfter(now));
        if (requested || expiryDue || !now.isBefore(nextFull)) {
            requested = false;
            run();
        }
    }

    /** Computes the deny list, diffs it against AWS and applies the difference; one run at a time. */
    public synchronized Run run() {
        Instant now = Instant.now();
        try {
            List<Revocation> listedNow = store.all();
            List<String> leavers = listedNow.stream().filter(r -> r.expiresAt().isAfter(now))
                    .map(Revocation::icUserId).toList();
            Map<String, List<String>> bySet = new LinkedHashMap<>();
            scoped.all().stream().filter(r -> r.expiresAt().isAfter(now)).forEach(r ->
                    bySet.computeIfAbsent(r.permissionSetArn(), k -> new java.util.ArrayList<>()).add(r.icUserId()));
            Coverage.Result outcome = coverage.apply(leavers, bySet);
            Instant applied = Instant.now();
            store.placed(outcome.inForce(), applied);
            scoped.placed(outcome.permissionSets().inForce(), applied);
            outcome.permissionSets().directlyAssigned().forEach((arn, ids) -> ids.forEach(id -> scoped.remove(id, arn)
                    .ifPresent(r -> journal.liftedIn(r, "has the set through a direct assignment"))));
            for (Revocation r : listedNow) {
                if (r.inForceAt() == null && outcome.inForce().containsKey(r.icUserId())) {
                    journal.inForce(r, outcome.inForce().get(r.icUserId()), Duration.between(r.requestedAt(), applied));
                }
            }
            store.forgetExpired(applied, outcome.inAws()).forEach(r -> journal.lifted(r, "its hold ended at "
                    + r.expiresAt()));
            scoped.forgetExpired(applied, outcome.permissionSets().held()).forEach(r -> journal.liftedIn(r,
                    "its hold ended at " + r.expiresAt()));
            outcome.problems().forEach(p -> LOG.warnf("Session revocation: %s", p));
            journal.counts(store.all().size(), outcome.uncovered().size());
            nextFull = now.plus(config.reconcileInterval());
            pause = Duration.ZERO;
            List<PermissionSetUse> sets = outcome.permissionSets().sets().entrySet().stream()
                    .map(e -> new PermissionSetUse(e.getKey(), e.getValue().ids(), e.getValue().characters(),
                            e.getValue().accounts())).toList();
            return remember(new Run(now, true, null, outcome.problems(), outcome.policies(), sets,
                    outcome.uncovered().size(), outcome.managementAccount(), outcome.overflowToPermissionSets(),
                    coverage.dryRun()));
        } catch (RuntimeException e) {
            journal.failed();
            requested = true;
            pause = pause.isZero() ? Duration.ofSeconds(1) : pause.multipliedBy(2);
            if (pause.compareTo(MAX_PAUSE) > 0) {
                pause = MAX_PAUSE;
            }
            pausedUntil = Instant.now().plus(pause);
            LOG.warnf("Session revocation run failed, retried in %s: %s", pause, e.toString());
            int pending = (int) store.all().stream().filter(r -> r.inForceAt() == null).count();
            journal.counts(store.all().size(), Math.max(journal.uncovered(), pending));
            Run previous = last.get();
            return remember(new Run(now, false, e.toString(), List.of(),
                    previous == null ? Map.of() : previous.policies(),
                    previous == null ? List.of() : previous.permissionSets(), journal.uncovered(),
                    previous == null ? null : previous.managementAccount(),
                    previous == null ? 0 : previous.overflowToPermissionSets(), coverage.dryRun()));
        }
    }

    public Optional<Run> last() {
        return Optional.ofNullable(last.get());
    }

    public List<Revocation> list() {
        return store.all();
    }

    public List<ScopedRevocation> scopedList() {
        return scoped.all();
    }

    private Run remember(Run run) {
        last.set(run);
        return run;
    }
}
