package io.scimbridge.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of what the rules decided, for delivery to call once per decision it acts on:
 * <ul>
 *   <li>{@code bridge_rules_decisions_total{kind="user|group", decision="forwarded|excluded",
 *       rule="users.include|users.exclude|users.requireGroup|users.default|groups.include|groups.exclude|groups.default"}}</li>
 *   <li>{@code bridge_rules_shaping_total{action="dropped|derived|renamed|lowercased|uppercased"}},
 *       for forwarded resources only (an excluded one reaches Identity Center unshaped or not at all).</li>
 * </ul>
 * They count decisions (deliveries), not distinct resources: a user delivered three times
 * counts three. Every label combination is registered up front, so dashboards see zeros.
 */
@ApplicationScoped
public class RulesMetrics {

    static final String DECISIONS = "bridge.rules.decisions";
    static final String SHAPING = "bridge.rules.shaping";
    private static final String[] ACTIONS = {"dropped", "derived", "renamed", "lowercased", "uppercased"};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public RulesMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DecisionRule rule : DecisionRule.values()) {
            String kind = rule.key().startsWith("users.") ? "user" : "group";
            boolean canForward = rule != DecisionRule.USERS_EXCLUDE && rule != DecisionRule.GROUPS_EXCLUDE;
            boolean canExclude = rule != DecisionRule.USERS_DEFAULT && rule != DecisionRule.GROUPS_DEFAULT;
            if (canForward) {
                decisions(kind, "forwarded", rule);
            }
            if (canExclude) {
                decisions(kind, "excluded", rule);
            }
        }
        for (String action : ACTIONS) {
            shaping(action);
        }
    }

    /** Counts one decision and, when forwarded, each shaping action in it. */
    public void record(RulesDecision decision) {
        String kind = decision.type() == ResourceType.USER ? "user" : "group";
        decisions(kind, decision.forwarded() ? "forwarded" : "excluded", decision.rule()).increment();
        if (decision.forwarded()) {
            for (Shaping s : decision.shaping()) {
                shaping(s.action()).increment();
            }
        }
    }

    // kept: registering looks a meter up by its sorted tags, once per delivery otherwise
    private Counter decisions(String kind, String decision, DecisionRule rule) {
        return counters.computeIfAbsent(DECISIONS + " " + kind + " " + decision + " " + rule.key(), k -> Counter.builder(DECISIONS)
                .description("Forwarding decisions made by the rules, by the rule that decided")
                .tag("kind", kind).tag("decision", decision).tag("rule", rule.key()).register(registry));
    }

    private Counter shaping(String action) {
        return counters.computeIfAbsent(SHAPING + " " + action, k -> Counter.builder(SHAPING)
                .description("Attribute changes made by the rules to forwarded resources")
                .tag("action", action.toLowerCase(Locale.ROOT)).register(registry));
    }
}
