package io.scimbridge.ops.status;

import io.scimbridge.assignments.AssignmentCoordinator;
import io.scimbridge.assignments.AssignmentService;
import io.scimbridge.assignments.Change;
import io.scimbridge.assignments.Plan;
import io.scimbridge.rules.RulesHolder;
import io.scimbridge.rules.RulesStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The status page's sections about what the operator configured: the rules in force, the
 * assignment plan they lead to, session revocation ({@link RevocationSection}) and the IAM users
 * being retired ({@link IamUsersSection}). The plan is the
 * one of the coordinator's latest run (it runs on every rules or group change and periodically),
 * not computed per page view: that would call AWS.
 */
@ApplicationScoped
public class RulesSections {

    private final RulesHolder rules;
    private final AssignmentCoordinator assignments;
    private final RevocationSection revocation;
    private final IamUsersSection iamUsers;

    public RulesSections(RulesHolder rules, AssignmentCoordinator assignments, RevocationSection revocation,
                         IamUsersSection iamUsers) {
        this.rules = rules;
        this.assignments = assignments;
        this.revocation = revocation;
        this.iamUsers = iamUsers;
    }

    /** The latest IAM user inventory: counts, and its first {@code limit} rows, person-left first. */
    public StatusView.IamUsers iamUsers(int limit) {
        return iamUsers.view(limit);
    }

    /** The mode, counts and problems of the latest run, and the newest {@code limit} users denied. */
    public StatusView.SessionRevocation sessionRevocation(int limit) {
        return revocation.view(limit);
    }

    public StatusView.Rules rules() {
        RulesStatus status = rules.status();
        String source = status.fromFile() ? status.file().toString() : "built-in defaults (no file at " + status.file() + ")";
        return new StatusView.Rules(source, status.fromFile(), Display.time(status.loadedAt()), status.rejection().isEmpty(),
                status.fileMissing(), status.rejection().map(r -> Display.time(r.at())).orElse(null),
                status.rejection().map(r -> r.errors().stream().map(Object::toString).toList()).orElse(List.of()),
                status.summary());
    }

    public StatusView.Assignments assignments(int limit) {
        return assignments.last().map(run -> view(run, limit)).orElseGet(() -> new StatusView.Assignments(false,
                "no run yet since the bridge started", 0, 0, 0, 0, List.of(), 0, List.of(), null));
    }

    private static StatusView.Assignments view(AssignmentCoordinator.Run run, int limit) {
        AssignmentService.PlanResult planned = run.planned();
        String applied = run.applied() == null ? null : run.applied().assignments().succeeded().size() + " succeeded, "
                + run.applied().assignments().failed().size() + " failed";
        if (planned == null) {
            return new StatusView.Assignments(false, run.detail(), 0, 0, 0, 0, List.of(), 0, List.of(), applied);
        }
        Plan plan = planned.plan();
        List<Change> changes = plan.changes();
        return new StatusView.Assignments(true, run.detail(), plan.creates().size(), plan.deletes().size(),
                plan.unchanged(), plan.unmanaged().size(),
                changes.stream().limit(limit).map(RulesSections::describe).toList(),
                Math.max(0, changes.size() - limit), planned.notes(), applied);
    }

    /** "+ group Team -> AdminAccess in 111122223333 (rule admins)", as the CLI's plan prints it. */
    static String describe(Change change) {
        var a = change.assignment();
        var l = change.labels();
        String why = switch (change) {
            case Change.Create c -> "rule " + c.rule();
            case Change.Delete d -> (d.rule() == null ? "" : "rule " + d.rule() + ": ") + d.reason();
        };
        return (change instanceof Change.Create ? "+ " : "- ") + a.principalType().name().toLowerCase() + " "
                + l.principal() + " -> " + l.permissionSet() + " in " + a.accountId()
                + (l.account().equals(a.accountId()) ? "" : " (" + l.account() + ")") + "  # " + why;
    }
}
