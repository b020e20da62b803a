package io.scimbridge.iamusers;

import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.guard.Protection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The safety rails applied to retiring IAM users, as to everything else the bridge takes away:
 * <ul>
 *   <li>an IAM user linked to a person the rules file protects ({@code protect: users}) is never
 *       disabled or deleted;</li>
 *   <li>while the mass-deprovisioning guard is tripped, nothing is retired: the mistake that tripped
 *       it (an IdP unscoping everyone, a rules edit) is also what would make their IAM users look
 *       like leavers' ({@code person-left}).</li>
 * </ul>
 */
@ApplicationScoped
public class SafetyRailsRetirementGuard implements RetirementGuard {

    private final DeprovisionGuard guard;
    private final Protection protection;

    public SafetyRailsRetirementGuard(DeprovisionGuard guard, Protection protection) {
        this.guard = guard;
        this.protection = protection;
    }

    @Override
    public Optional<String> refuse(Step step, RetirementPlan plan) {
        Optional<String> person = step.target().person().map(Person::userName);
        if (person.isPresent() && protection.current().user(person.get())) {
            return Optional.of("the rules file protects " + person.get() + " (protect:)");
        }
        if (!guard.enabled()) {
            return Optional.empty();
        }
        DeprovisionGuard.Status status = guard.status();
        if (status.tripped()) {
            return Optional.of("the mass-deprovisioning guard is tripped (" + status.held()
                    + " removals held since " + status.trippedSince() + "): release or fix those first");
        }
        return Optional.empty();
    }
}
