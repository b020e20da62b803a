package io.scimbridge.iamusers;

import java.time.Instant;
import java.util.List;

/**
 * The stages proposed for the IAM users of one inventory: what {@code iam-users plan} prints and
 * {@code iam-users apply} carries out (its disable and delete steps; waits are shown, never done).
 */
public record RetirementPlan(Instant at, List<Step> steps, List<String> notes) {

    public RetirementPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    public List<Step> actions() {
        return steps.stream().filter(s -> !(s instanceof Step.Wait)).toList();
    }

    /** Terraform-style text: one line per step, then the notes. */
    public String render() {
        StringBuilder text = new StringBuilder();
        if (steps.isEmpty()) {
            text.append("No IAM user to retire.\n");
        }
        for (Step step : steps) {
            String sign = switch (step) {
                case Step.Disable d -> "~ disable";
                case Step.Delete d -> "- delete ";
                case Step.Wait w -> "  wait   ";
            };
            text.append(sign).append(' ').append(step.target().user().ref()).append(" (")
                    .append(step.target().kind().label()).append("): ").append(step.reason()).append('\n');
        }
        long disables = steps.stream().filter(Step.Disable.class::isInstance).count();
        long deletes = steps.stream().filter(Step.Delete.class::isInstance).count();
        text.append("Plan: ").append(disables).append(" to disable, ").append(deletes).append(" to delete, ")
                .append(steps.size() - disables - deletes).append(" waiting.\n");
        notes.forEach(n -> text.append("note: ").append(n).append('\n'));
        return text.toString();
    }
}
