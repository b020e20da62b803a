package io.scimbridge.revocation;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.scimbridge.pacing.Backoff;
import io.scimbridge.store.RunLock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Session revocation, level-triggered: the deny list is in the store ({@link RevocationEvents}
 * writes it as delivery reports users deactivated, deleted, re-activated or removed from groups).
 * A {@linkplain RevocationRun run} computes the desired list, diffs it against what AWS holds and
 * applies the difference (SCPs and/or permission sets' inline policies). Runs at once after a
 * change (checked every second), after a failure with a growing pause, when an entry expires, and
 * every {@code reconcile-interval} to repair drift; the first run after a start reads AWS back, so
 * a restart in the middle resumes where it was. One run at a time across replicas ({@link RunLock}).
 */
@ApplicationScoped
@Startup
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);
    /** The pause after a failed run: 1 s, doubling up to 30 s. */
    private static final Backoff AFTER_FAILURE = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), false);

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
    private final RevocationRun runner;
    private final RunLock runLock;
    private final AtomicReference<Run> last = new AtomicReference<>();
    private volatile boolean requested = true;
    private Instant nextFull = Instant.EPOCH;
    private Instant pausedUntil = Instant.EPOCH;
    /** Runs failed in a row. */
    private int failures;

    SessionRevocations(SessionRevocationConfig config, RevocationStore store, ScopedRevocationStore scoped,
                       RevocationRun runner, RunLock runLock) {
        this.config = config;
        this.store = store;
        this.scoped = scoped;
        this.runner = runner;
        this.runLock = runLock;
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
        if (now.isBefore(pausedUntil) || !(requested || !now.isBefore(nextFull) || runner.expiryDue(now))) {
            return;
        }
        requested = false;
        Optional<Run> run;
        try {
            run = runLock.runIfFree("session-revocation", () -> runner.run(last.get()));
        } catch (RuntimeException storeUnreachable) {
            run = Optional.of(runner.failed(last.get(), now, storeUnreachable));
        }
        if (run.isEmpty()) {
            // Another replica is running: it may have read the list before the change that asked
            // for this run, so this replica runs again once it is done.
            requested = true;
            return;
        }
        last.set(run.get());
        if (run.get().succeeded()) {
            nextFull = now.plus(config.reconcileInterval());
            failures = 0;
        } else {
            requested = true;
            Duration pause = AFTER_FAILURE.after(++failures);
            pausedUntil = Instant.now().plus(pause);
            LOG.warnf("Session revocation run failed, retried in %s: %s", pause, run.get().error());
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
}
