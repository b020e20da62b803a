package io.scimbridge.iamusers;

import io.scimbridge.scim.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plans, applies and undoes the retirement stages. The plan is always made from a fresh
 * inventory; apply makes the plan again and carries it out, only when
 * {@code bridge.iam-users.mode=apply}. Restore works in every mode: it only undoes what the
 * bridge did.
 */
@ApplicationScoped
public class IamUserRetirement {

    /** An apply: the plan it carried out and what became of each step. */
    public record Applied(RetirementPlan plan, List<StepOutcome> outcomes) {
    }

    private final IamUsersInventory inventory;
    private final RetirementStore store;
    private final RetirementExecutor executor;
    private final IamUsersConfig config;
    private final IamUsersClock clock;

    public IamUserRetirement(IamUsersInventory inventory, RetirementStore store, RetirementExecutor executor,
                             IamUsersConfig config, IamUsersClock clock) {
        this.inventory = inventory;
        this.store = store;
        this.executor = executor;
        this.config = config;
        this.clock = clock;
    }

    /** @param named {@code ACCOUNT/NAME} of users of any class to retire too (kept, service, ...) */
    public synchronized RetirementPlan plan(Set<String> named) {
        IamUsersReport report = inventory.refresh();
        List<String> notes = new ArrayList<>();
        report.problem().ifPresent(notes::add);
        report.unreachable().forEach(u -> notes.add("account " + u.accountId() + " (" + u.accountName()
                + ") not read: " + u.reason()));
        if (report.problem().isPresent()) {
            return new RetirementPlan(clock.instant(), List.of(), notes);
        }
        Set<String> known = report.users().stream().map(c -> c.user().ref()).collect(Collectors.toSet());
        named.stream().filter(n -> !known.contains(n)).forEach(n -> notes.add("named " + n + ": no such IAM user"));
        IamUsersRules rules = inventory.rules();
        Map<String, Retirement> retirements = store.all().stream().collect(Collectors.toMap(Retirement::ref, Function.identity()));
        if (config.mode() == IamUsersConfig.Mode.REPORT) {
            notes.add("bridge.iam-users.mode=report: apply is refused (read-only)");
        }
        return new RetirementPlan(clock.instant(), new RetirementPlanner(rules, clock.instant())
                .plan(report.users(), retirements, named), notes);
    }

    public synchronized Applied apply(Set<String> named) {
        if (config.mode() != IamUsersConfig.Mode.APPLY) {
            throw ScimException.forbidden("bridge.iam-users.mode is report (read-only): set it to apply to retire IAM users");
        }
        RetirementPlan plan = plan(named);
        return new Applied(plan, executor.apply(plan));
    }

    /** @param user {@code ACCOUNT/NAME}, or a NAME disabled in one account only */
    public synchronized StepOutcome restore(String user) {
        List<Retirement> matches = store.all().stream().filter(r -> r.deletedAt().isEmpty())
                .filter(r -> r.ref().equalsIgnoreCase(user) || r.userName().equalsIgnoreCase(user)).toList();
        if (matches.isEmpty()) {
            throw ScimException.notFound("No IAM user disabled by the bridge is named " + user);
        }
        if (matches.size() > 1) {
            throw ScimException.invalidValue(user + " was disabled in several accounts: name one as ACCOUNT/NAME ("
                    + matches.stream().map(Retirement::ref).collect(Collectors.joining(", ")) + ")");
        }
        return executor.restore(matches.getFirst());
    }
}
