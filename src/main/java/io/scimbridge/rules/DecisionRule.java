package io.scimbridge.rules;

/**
 * The rule that decided whether a resource is forwarded: its key in the rules file, used in
 * explanations and as the {@code rule} label of {@code bridge_rules_decisions_total}.
 */
public enum DecisionRule {
    /** No users rule applies: forwarded by default. */
    USERS_DEFAULT("users.default"),
    USERS_INCLUDE("users.include"),
    USERS_EXCLUDE("users.exclude"),
    USERS_REQUIRE_GROUP("users.requireGroup"),
    /** No groups rule applies: forwarded by default. */
    GROUPS_DEFAULT("groups.default"),
    GROUPS_INCLUDE("groups.include"),
    GROUPS_EXCLUDE("groups.exclude");

    private final String key;

    DecisionRule(String key) {
        this.key = key;
    }

    /** {@code users.include}, ... as in the rules file. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
