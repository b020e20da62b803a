package io.scimbridge.assignments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.scimbridge.guard.GuardReleased;
import io.scimbridge.identitycenter.delivery.GroupsChanged;
import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.RulesChanged;
import io.scimbridge.store.RunLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs assignments inside the bridge: the {@linkplain AssignmentPlanner plan} from the rules
 * file's {@code assignments:} and {@code permissionSets:} sections and the groups as they exist
 * in Identity Center, applied unless {@code bridge.assignments.mode=plan-only}. Applied on rules reload,
 * when group deliveries changed what exists in Identity Center, and periodically (drift).
 */
@ApplicationScoped
@Startup // its metrics exist (at zero) from the start, not from the first drift check
public class AssignmentCoordinator {

    private static final Logger LOG = Logger.getLogger(AssignmentCoordinator.class);

    /** The outcome of the latest automatic or requested run. */
    public record Run(AssignmentService.PlanResult planned, AssignmentService.ApplyOutcome applied, String detail) {}

    private final AssignmentPlanner planner;
    private final AssignmentService service;
    private final MeterRegistry metrics;
    private final AssignmentsConfig.Mode mode;
    private final RunLock runLock;
    private final AtomicReference<Run> last = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger planSize = new java.util.concurrent.atomic.AtomicInteger();

    public AssignmentCoordinator(AssignmentPlanner planner, AssignmentService service, MeterRegistry metrics,
                                 AssignmentsConfig config, RunLock runLock) {
        this.planner = planner;
        this.service = service;
        this.metrics = metrics;
        this.mode = config.mode();
        this.runLock = runLock;
        metrics.gauge("bridge.assignments.plan.size", planSize);
        // at zero from the start, so that an alert on increase(...) sees the first failure
        List.of("created", "deleted", "failed").forEach(action -> count(action, 0));
    }

    /** The assignment rules of the rules file in force. */
    public AssignmentRules assignmentRules() {
        return planner.assignmentRules();
    }

    /** Computes the plan without changing anything. */
    public Optional<AssignmentService.PlanResult> plan() {
        return planner.plan();
    }

    /**
     * Plans and, unless plan-only, applies; one run at a time across replicas, since a plan made
     * while another replica applies would be stale. A replica that finds the run taken runs again
     * at its next tick.
     */
    public synchronized Run run() {
        Optional<Run> run = runLock.runIfFree("assignments", this::planAndApply);
        if (run.isEmpty()) {
            requested = true;
            return new Run(null, null, "another replica is applying assignments; this one runs again after it");
        }
        return run.get();
    }

    private Run planAndApply() {
        Optional<AssignmentService.PlanResult> planned;
        try {
            planned = plan();
        } catch (IllegalStateException e) {
            return remember(new Run(null, null, e.getMessage()));
        }
        if (planned.isEmpty()) {
            return remember(new Run(null, null, "no assignments in the rules file"));
        }
        planSize.set(planned.get().plan().changes().size());
        boolean applying = mode == AssignmentsConfig.Mode.APPLY;
        if (!applying || !planned.get().applicable() || planned.get().plan().changes().isEmpty()
                && planned.get().sessionDurations().changes().isEmpty()) {
            String why = !applying ? "plan-only mode" : !planned.get().applicable()
                    ? "apply not configured: " + String.join("; ", planned.get().notes()) : "nothing to change";
            if ("nothing to change".equals(why)) {
                service.forgetHeldDeletions(); // deletions held earlier are no longer planned
            }
            return remember(new Run(planned.get(), null, why));
        }
        java.time.Instant since = changedSince;
        changedSince = null;
        AssignmentService.ApplyOutcome outcome = service.apply(planned.get());
        if (since != null) {
            io.micrometer.core.instrument.Timer.builder("bridge.assignments.applied.after.group.change")
                    .description("Time from a group change in Identity Center to its assignments applied")
                    .register(metrics).record(java.time.Duration.between(since, java.time.Instant.now()));
        }
        count("created", outcome.assignments().succeeded().stream().filter(r -> r.change() instanceof Change.Create).count());
        count("deleted", outcome.assignments().succeeded().stream().filter(r -> r.change() instanceof Change.Delete).count());
        count("failed", outcome.assignments().failed().size());
        return remember(new Run(planned.get(), outcome, "applied"));
    }

    public Optional<Run> last() {
        return Optional.ofNullable(last.get());
    }

    void onRulesChanged(@Observes RulesChanged changed) {
        // a file whose assignments are wrong is refused whole before it gets here (AssignmentsSection)
        requested = true;
    }

    private volatile boolean requested;
    /** When the oldest change not yet applied was seen: for the group-change-to-applied latency. */
    private volatile java.time.Instant changedSince;

    void onGroupsChanged(@Observes GroupsChanged changed) {
        if (changedSince == null) {
            changedSince = java.time.Instant.now();
        }
        requested = true;
    }

    /** An operator released held removals: held assignment deletions are applied at the next tick. */
    void onGuardReleased(@Observes GuardReleased released) {
        requested = true;
    }

    /** Asks for a run at the next tick (a group appeared, was renamed or deleted in Identity Center). */
    public void request() {
        requested = true;
    }

    @Scheduled(every = "${bridge.assignments.check-interval:5s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (requested) {
            requested = false;
            safeRun();
        }
    }

    @Scheduled(every = "${bridge.assignments.drift-interval:30m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void driftCheck() {
        safeRun();
    }

    private void safeRun() {
        try {
            Run run = run();
            LOG.debugf("assignments: %s", run.detail());
        } catch (RuntimeException e) {
            LOG.warnf("assignments run failed: %s", e.toString());
        }
    }

    private void count(String action, long n) {
        Counter.builder("bridge.assignments").description("Account assignment operations applied, by outcome")
                .tag("action", action).register(metrics).increment(n);
    }

    private Run remember(Run run) {
        last.set(run);
        return run;
    }
}
