package io.scimbridge.assignments;

import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.rules.Rules;
import io.scimbridge.rules.RulesHolder;
import io.scimbridge.store.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The plan's inputs and the plan: the assignment rules of the rules file in force, the groups as
 * they exist in Identity Center (the group shadows), and what AWS holds (read by the service).
 */
@ApplicationScoped
public class AssignmentPlanner {

    private final RulesHolder rules;
    private final ShadowStore shadows;
    private final AssignmentService service;

    public AssignmentPlanner(RulesHolder rules, ShadowStore shadows, AssignmentService service) {
        this.rules = rules;
        this.shadows = shadows;
        this.service = service;
    }

    /** The assignment rules of the rules file in force, or the errors that refuse them. */
    public AssignmentRulesParser.Result assignmentRules() {
        return parse(rules.rules());
    }

    static AssignmentRulesParser.Result parse(Rules r) {
        // read with the file when it was loaded; parsed here only for rules read without the section
        Optional<AssignmentRules> read = r.section(AssignmentsSection.class);
        if (read.isPresent()) {
            return new AssignmentRulesParser.Result.Valid(read.get());
        }
        Rules.LaterSection assignments = r.laterSections().get("assignments");
        Rules.LaterSection permissionSets = r.laterSections().get("permissionSets");
        return AssignmentRulesParser.parse(assignments == null ? null : assignments.node(),
                permissionSets == null ? null : permissionSets.node());
    }

    /** Computes the plan without changing anything; empty when the rules file has no assignments. */
    public Optional<AssignmentService.PlanResult> plan() {
        return switch (assignmentRules()) {
            case AssignmentRulesParser.Result.Valid valid -> valid.rules().rules().isEmpty() && valid.rules().permissionSets().isEmpty()
                    ? Optional.empty() : Optional.of(service.plan(valid.rules(), groupsInIdentityCenter()));
            case AssignmentRulesParser.Result.Invalid invalid -> throw new IllegalStateException(
                    "the assignments section is invalid: " + invalid.errors());
        };
    }

    private List<GroupRef> groupsInIdentityCenter() {
        return shadows.all(ResourceType.GROUP).stream()
                .map(s -> new GroupRef(s.state().path("displayName").asText(), s.icId()))
                .filter(g -> !g.displayName().isEmpty())
                .toList();
    }
}
