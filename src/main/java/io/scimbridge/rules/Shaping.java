package io.scimbridge.rules;

/**
 * One change the attribute rules made to a forwarded document: what {@code shape} did on top of
 * what the IdP sent, for explanations and for {@code bridge_rules_shaping_total{action}}.
 * Values are not kept (they may be personal data); attribute names and group names are.
 */
public sealed interface Shaping {

    /** The metric label: {@code dropped}, {@code derived}, {@code renamed}, {@code lowercased}, {@code uppercased}. */
    String action();

    /** The key of the rule in the file, e.g. {@code users.attributes.drop}. */
    String rule();

    /** One line for an operator. */
    String describe();

    /** An attribute (or some elements of a multi-valued one) removed by {@code users.attributes.drop}. */
    record Dropped(String attribute) implements Shaping {
        public String action() { return "dropped"; }

        public String rule() { return "users.attributes.drop"; }

        public String describe() { return "dropped " + attribute; }
    }

    /**
     * An attribute written from a template: {@code users.attributes.displayName} (only when it was
     * missing) or {@code users.attributes.set.<attribute>} (always).
     */
    record Derived(String attribute, String rule) implements Shaping {
        public String action() { return "derived"; }

        public String describe() { return attribute + " derived by " + rule; }
    }

    /** A group's displayName rewritten by {@code groups.rename}. */
    record Renamed(String from, String to, int line) implements Shaping {
        public String action() { return "renamed"; }

        public String rule() { return "groups.rename"; }

        public String describe() { return "renamed '" + from + "' to '" + to + "' (groups.rename, line " + line + ")"; }
    }

    /** userName's letter case changed by {@code users.attributes.userName}. */
    record UserNameCaseChanged(Rules.UserNameCase to) implements Shaping {
        public String action() { return to == Rules.UserNameCase.UPPERCASE ? "uppercased" : "lowercased"; }

        public String rule() { return "users.attributes.userName"; }

        public String describe() { return "userName " + action(); }
    }
}
