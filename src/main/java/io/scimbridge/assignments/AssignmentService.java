package io.scimbridge.assignments;

import io.scimbridge.aws.AwsClients;
import io.scimbridge.guard.Admission;
import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.guard.Removal;
import io.scimbridge.guard.Verdict;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.rules.AssignmentRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/**
 * Plans and applies account assignments against AWS: reads the organisation, the permission sets,
 * the managed records and the actual assignments in scope, plans with {@link Planner}, and applies
 * with {@link AssignmentApplier} (and {@link PermissionSetUpdater} for session durations).
 *
 * <p>SDK clients come from {@link AwsClients}; the instance from {@code bridge.identity-center.instance-arn},
 * or discovered with ListInstances. Without credentials (or any AWS answer) the plan is still
 * computed from what is known, with notes saying what was not, and apply refuses as not configured.
 *
 * <p>The caller supplies the rules (the rules file's typed {@link io.scimbridge.rules.AssignmentsSection},
 * read with the whole file) and the groups in Identity Center.
 */
@ApplicationScoped
public class AssignmentService {

    private static final Logger LOG = Logger.getLogger(AssignmentService.class);

    /**
     * A plan with what it took to compute it.
     *
     * @param instanceArn null if no instance could be found
     * @param notes       what could not be read (the plan is then partial)
     * @param applicable  whether AWS answered, so that the plan may be applied
     */
    public record PlanResult(Plan plan, PermissionSetUpdater.Changes sessionDurations, String instanceArn,
                             List<String> notes, boolean applicable) {
    }

    /** What an apply did. */
    public record ApplyOutcome(ApplyReport assignments, List<PermissionSetUpdater.Result> sessionDurations) {
    }

    private final AwsClients clients;
    private final Optional<String> configuredInstance;
    private final ManagedAssignmentStore store;
    private final AssignmentApplier.Settings settings;
    private final DeprovisionGuard guard;
    private final ReentrantLock applying = new ReentrantLock();
    private String instanceArn;

    public AssignmentService(AwsClients clients,
                             IdentityCenterConfig identityCenter, ManagedAssignmentStore store,
                             AssignmentsConfig config, DeprovisionGuard guard) {
        double requestsPerSecond = config.requestsPerSecond();
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("bridge.assignments.requests-per-second must be above 0, got "
                    + requestsPerSecond);
        }
        this.clients = clients;
        this.configuredInstance = identityCenter.instanceArn();
        this.store = store;
        this.settings = AssignmentApplier.Settings.defaults().withRate(requestsPerSecond);
        this.guard = guard;
    }

    public PlanResult plan(AssignmentRules rules, Collection<GroupRef> groups) {
        List<String> notes = new ArrayList<>();
        boolean applicable = true;
        String instance = null;
        Map<String, AssignmentReader.PermissionSetInfo> sets = Map.of();
        try {
            instance = instanceArn();
            sets = new AssignmentReader(sso(), instance).permissionSets();
        } catch (SdkException | IllegalStateException e) {
            notes.add("SSO Admin not readable, permission sets unknown: " + e.getMessage());
            applicable = false;
        }
        Organization organization;
        try {
            organization = new OrganizationReader(organizations()).read(usesTags(rules));
        } catch (SdkException | IllegalStateException e) {
            notes.add("Organizations not readable: " + e.getMessage());
            organization = Organization.unavailable(String.valueOf(e.getMessage()));
        }
        Map<Assignment, String> managed = instance == null ? Map.of() : store.all(instance);
        Map<String, String> arns = AssignmentReader.arnsByName(sets);
        Planner.Desired desired = Planner.desired(rules, groups, organization, arns);
        Set<Assignment> actual = Set.of();
        if (applicable) {
            Set<Assignment.Target> targets = new HashSet<>(desired.targets());
            managed.keySet().forEach(a -> targets.add(a.target()));
            try {
                actual = new AssignmentReader(sso(), instance).read(targets);
            } catch (SdkException e) {
                notes.add("assignments not readable, all wanted ones shown as creates: " + e.getMessage());
                applicable = false;
            }
        }
        Plan plan = Planner.diff(desired, rules.manage(), actual, managed, new Planner.Labeler(groups, organization, arns));
        return new PlanResult(plan, PermissionSetUpdater.plan(rules, sets), instance, notes, applicable);
    }

    /** Applies a plan from {@link #plan}: one apply at a time. */
    public ApplyOutcome apply(PlanResult planned) {
        if (!planned.applicable()) {
            throw new IllegalStateException("assignments apply is not configured: " + String.join("; ", planned.notes()));
        }
        applying.lock();
        try {
            String instance = planned.instanceArn();
            store.forget(instance, planned.plan().forget());
            ApplyReport report = new AssignmentApplier(sso(), instance, settings)
                    .apply(withoutHeldDeletions(planned.plan().changes()), store.listener(instance));
            List<PermissionSetUpdater.Result> durations = new PermissionSetUpdater(sso(), instance, settings)
                    .apply(planned.sessionDurations().changes());
            LOG.infof("assignments applied: %d succeeded, %d failed, %.1f/s; %d session durations updated",
                    report.succeeded().size(), report.failed().size(), report.throughput(),
                    durations.stream().filter(PermissionSetUpdater.Result::succeeded).count());
            report.failed().forEach(r -> LOG.warnf("assignment %s %s failed: %s", r.change() instanceof Change.Create
                    ? "create" : "delete", r.change().assignment(), r.failureReason()));
            return new ApplyOutcome(report, durations);
        } finally {
            applying.unlock();
        }
    }

    /** Nothing to apply: assignment deletions the guard held are no longer wanted (the rules were fixed). */
    public void forgetHeldDeletions() {
        guard.settle(Removal.ASSIGNMENTS, Set.of());
    }

    /**
     * The deprovisioning guard is asked about the plan's deletions, all together: held ones are
     * not applied (the next run plans them again, until released or no longer planned).
     */
    private List<Change> withoutHeldDeletions(List<Change> changes) {
        List<Removal> deletions = changes.stream().filter(Change.Delete.class::isInstance).map(AssignmentService::removal)
                .toList();
        Admission admission = guard.admit(deletions, 0);
        Set<String> held = deletions.stream().filter(d -> admission.of(d) == Verdict.HOLD).map(Removal::key)
                .collect(Collectors.toSet());
        guard.settle(Removal.ASSIGNMENTS, held);
        if (!held.isEmpty()) {
            LOG.warnf("assignments: %d deletion(s) held by the deprovisioning guard (GET /admin/guard)", held.size());
        }
        return changes.stream().filter(c -> !(c instanceof Change.Delete) || admission.sends(removal(c))).toList();
    }

    private static Removal removal(Change delete) {
        Assignment a = delete.assignment();
        boolean user = a.principalType() == PrincipalType.USER;
        String principal = delete.labels().principal();
        return new Removal(Removal.Kind.ASSIGNMENT_DELETE, Removal.ASSIGNMENTS,
                a.principalType() + ":" + a.principalId() + "/" + a.permissionSetArn() + "/" + a.accountId(),
                user ? principal : null, user ? null : principal, null,
                "delete assignment of " + delete.labels().permissionSet() + " in " + delete.labels().account()
                        + " to " + delete.labels().principal(), delete.rule());
    }

    private static boolean usesTags(AssignmentRules rules) {
        return rules.rules().stream().anyMatch(r -> !r.accountTags().isEmpty());
    }

    private synchronized String instanceArn() {
        if (instanceArn == null) {
            instanceArn = configuredInstance.orElseGet(() -> AssignmentReader.discoverInstance(sso()).instanceArn());
        }
        return instanceArn;
    }

    private SsoAdminClient sso() {
        return clients.ssoAdmin();
    }

    private OrganizationsClient organizations() {
        return clients.organizations();
    }
}
