package io.scimbridge.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.resource.ResourceEntity;
import io.scimbridge.resource.ResourceStore;
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
    private final ResourceStore store;

    public ForwardingDecisions(RulesHolder rules, ResourceStore store) {
        this.rules = rules;
        this.store = store;
    }

    public Rules current() {
        return rules.rules();
    }

    public RulesDecision decide(ResourceEntity resource, ObjectNode document) {
        return decide(rules.rules(), resource, document);
    }

    /** With candidate rules (the preview). */
    public RulesDecision decide(Rules candidate, ResourceEntity resource, ObjectNode document) {
        DecisionContext context = resource.type() == ResourceType.USER
                ? DecisionContext.memberOf(() -> store.groupDocumentsOf(resource.pk))
                : DecisionContext.none();
        return Shape.decide(candidate, resource.type(), document, context);
    }
}
