package io.scimbridge.rules;

import io.scimbridge.resource.SourceResource;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code shape(rules, source)} for a stored resource: supplies {@link Shape#decide} with what it
 * needs from the store (the user's groups, read only when {@code requireGroup} asks). Call it
 * inside a transaction.
 */
@ApplicationScoped
public class ForwardingDecisions {

    private final RulesHolder rules;
    private final SourceResources resources;

    public ForwardingDecisions(RulesHolder rules, SourceResources resources) {
        this.rules = rules;
        this.resources = resources;
    }

    public Rules current() {
        return rules.rules();
    }

    public RulesDecision decide(SourceResource resource) {
        return decide(rules.rules(), resource);
    }

    /** With candidate rules (the preview). */
    public RulesDecision decide(Rules candidate, SourceResource resource) {
        DecisionContext context = resource.type() == ResourceType.USER
                ? DecisionContext.memberOf(() -> resources.groupDocumentsOf(resource.pk()))
                : DecisionContext.none();
        return Shape.decide(candidate, resource.type(), resource.document(), context);
    }
}
