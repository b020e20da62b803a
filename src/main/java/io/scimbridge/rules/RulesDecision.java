package io.scimbridge.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;
import java.util.List;
import java.util.Objects;

/**
 * What the rules say about one user or group ({@link Shape#decide}): forwarded or excluded, the
 * rules that decided it (for "why is X (not) in Identity Center?"), and the shaped document.
 *
 * <h2>For delivery: {@code desired = translate(decision.document())}</h2>
 * {@link #effect()} tells what Identity Center should hold; whether a call is needed depends on
 * whether Identity Center holds the resource already (it has a shadow):
 * <table>
 *   <caption>effect against the shadow</caption>
 *   <tr><th>effect</th><th>with a shadow</th><th>without a shadow</th></tr>
 *   <tr><td>{@link Effect#FORWARD}</td><td>diff {@code translate(document)} against it: PATCH
 *       (re-activates a user deactivated by the rules, since the IdP's {@code active} is back)</td>
 *       <td>create</td></tr>
 *   <tr><td>{@link Effect#DEACTIVATE}</td><td>diff {@code translate(document)} (which has
 *       {@code active: false}) against it: PATCH active false</td><td>nothing: never create
 *       an excluded user</td></tr>
 *   <tr><td>{@link Effect#DELETE}</td><td>delete it, then drop the shadow</td><td>nothing</td></tr>
 * </table>
 * Memberships follow: a forwarded group carries only its members whose own decision is
 * {@link Effect#FORWARD} (an excluded member never gets an Identity Center id, so it must be left
 * out rather than waited for). {@code members} are not part of the documents decided here.
 */
public sealed interface RulesDecision permits RulesDecision.Forwarded, RulesDecision.Excluded {

    ResourceType type();

    /**
     * The source document shaped by the attribute rules (a copy: the source state is never
     * changed, and the IdP always reads back what it sent). For a user excluded with
     * {@code whenExcluded: deactivate} it carries {@code active: false}.
     */
    ObjectNode document();

    /** What the attribute rules changed, in the order applied. */
    List<Shaping> shaping();

    /** The rules consulted, in order; for an exclusion the last one is the one that excluded. */
    List<Reason> reasons();

    /** The rule that decided: the {@code rule} label of {@code bridge_rules_decisions_total}. */
    DecisionRule rule();

    Effect effect();

    default boolean forwarded() {
        return effect() == Effect.FORWARD;
    }

    /** What Identity Center should do with the resource. */
    enum Effect {
        /** Hold it, as {@code translate(document())}. */
        FORWARD,
        /** Keep the user, inactive ({@code users.whenExcluded: deactivate}). */
        DEACTIVATE,
        /** Not hold it ({@code users.whenExcluded: delete}, and every excluded group). */
        DELETE
    }

    /**
     * One step of the explanation.
     *
     * @param rule   the rule consulted
     * @param line   its line in the rules file, 0 for built-in behaviour (defaults, requireGroup)
     * @param detail what it found, e.g. {@code matched 'userName co "#EXT#"'}
     */
    record Reason(DecisionRule rule, int line, String detail) {
        @Override
        public String toString() {
            return rule.key() + (line > 0 ? " (line " + line + ")" : "") + ": " + detail;
        }
    }

    /**
     * Forwarded to Identity Center.
     *
     * @param rule the most specific rule that let it through: requireGroup, else include, else
     *             the default
     */
    record Forwarded(ResourceType type, ObjectNode document, List<Shaping> shaping, List<Reason> reasons,
                     DecisionRule rule) implements RulesDecision {

        public Forwarded {
            Objects.requireNonNull(document);
            shaping = List.copyOf(shaping);
            reasons = List.copyOf(reasons);
        }

        @Override
        public Effect effect() {
            return Effect.FORWARD;
        }
    }

    /**
     * Not forwarded.
     *
     * @param whenExcluded the configured action: {@code users.whenExcluded} for users, always
     *                     {@link WhenExcluded#DELETE} for groups (Identity Center groups cannot be
     *                     deactivated)
     */
    record Excluded(ResourceType type, ObjectNode document, List<Shaping> shaping, List<Reason> reasons,
                    WhenExcluded whenExcluded) implements RulesDecision {

        public Excluded {
            Objects.requireNonNull(document);
            shaping = List.copyOf(shaping);
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("an exclusion names the rule that made it");
            }
        }

        @Override
        public DecisionRule rule() {
            return reasons.getLast().rule();
        }

        @Override
        public Effect effect() {
            return whenExcluded == WhenExcluded.DELETE ? Effect.DELETE : Effect.DEACTIVATE;
        }
    }
}
