package io.scimbridge.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@link Shape#decide} needs beyond the resource's own document, supplied by the caller so
 * that {@code shape} stays a pure function without database access.
 *
 * @param groupsOfUser the source documents of the groups that contain the user (members need not
 *                     be loaded). Only read for users, and only when {@code users.requireGroup}
 *                     is on: at most once per decision, so it may query lazily.
 */
public record DecisionContext(Supplier<? extends Collection<? extends JsonNode>> groupsOfUser) {

    private static final DecisionContext NONE = new DecisionContext(List::of);

    public DecisionContext {
        Objects.requireNonNull(groupsOfUser);
    }

    /** For groups, and for users that are in no group. */
    public static DecisionContext none() {
        return NONE;
    }

    /** The user is a member of these groups (their source documents). */
    public static DecisionContext memberOf(Collection<? extends JsonNode> groups) {
        List<? extends JsonNode> copy = List.copyOf(groups);
        return new DecisionContext(() -> copy);
    }

    /** As {@link #memberOf}, loaded only if a rule needs it. */
    public static DecisionContext memberOf(Supplier<? extends Collection<? extends JsonNode>> groups) {
        return new DecisionContext(groups);
    }
}
