package io.scimbridge.rules;

import static io.scimbridge.rules.Resources.group;
import static io.scimbridge.rules.Resources.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scimbridge.scim.ResourceType;
import org.junit.jupiter.api.Test;

class RulesMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RulesMetrics metrics = new RulesMetrics(registry);
    private final Rules rules = RulesParser.parse(RulesParserTest.ISSUE_EXAMPLE);

    private double decisions(String kind, String decision, String rule) {
        return registry.get(RulesMetrics.DECISIONS).tag("kind", kind).tag("decision", decision).tag("rule", rule)
                .counter().count();
    }

    private double shaping(String action) {
        return registry.get(RulesMetrics.SHAPING).tag("action", action).counter().count();
    }

    @Test
    void decisionsAreCountedByKindOutcomeAndRule() {
        metrics.record(Shape.decide(rules, ResourceType.USER, user("g#EXT#@example.com").workEmail("g@example.com").build(),
                DecisionContext.none()));
        metrics.record(Shape.decide(rules, ResourceType.USER, user("Ann@example.com").workEmail("ann@example.com").build(),
                DecisionContext.memberOf(java.util.List.of(group("aws-admins").build()))));
        metrics.record(Shape.decide(rules, ResourceType.GROUP, group("aws-admins").build(), DecisionContext.none()));
        metrics.record(Shape.decide(rules, ResourceType.GROUP, group("staff").build(), DecisionContext.none()));

        assertEquals(1, decisions("user", "excluded", "users.exclude"));
        assertEquals(1, decisions("user", "forwarded", "users.requireGroup"));
        assertEquals(1, decisions("group", "forwarded", "groups.include"));
        assertEquals(1, decisions("group", "excluded", "groups.include"));
        assertEquals(0, decisions("user", "excluded", "users.include"), "registered up front, at zero");
        assertEquals(1, shaping("lowercased"));
        assertEquals(1, shaping("renamed"));
        assertEquals(0, shaping("dropped"), "shaping of excluded resources is not counted");
    }
}
