package io.scimbridge.assignments;

import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.RulesHolder;
import io.scimbridge.scim.ResourceType;
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

    /**
     * The assignment rules of the rules file in force: read and checked with the whole file (a
     * file whose assignments are wrong is never in force), not parsed again here.
     */
    public AssignmentRules assignmentRules() {
        return rules.rules().assignments();
    }

    /** Computes the plan without changing anything; empty when the rules file has no assignments. */
    public Optional<AssignmentService.PlanResult> plan() {
        AssignmentRules assignments = assignmentRules();
        return assignments.rules().isEmpty() && assignments.permissionSets().isEmpty()
                ? Optional.empty() : Optional.of(service.plan(assignments, groupsInIdentityCenter()));
    }

    private List<GroupRef> groupsInIdentityCenter() {
        return shadows.all(ResourceType.GROUP).stream()
                .map(s -> new GroupRef(s.state().path("displayName").asText(), s.icId()))
                .filter(g -> !g.displayName().isEmpty())
                .toList();
    }
}
