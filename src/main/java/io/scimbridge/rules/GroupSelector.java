package io.scimbridge.rules;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Which Identity Center groups a rule is about. */
public sealed interface GroupSelector {

    /** Exact displayNames, compared case-insensitively as Identity Center does. */
    record Names(List<String> names) implements GroupSelector {
        public Names {
            names = List.copyOf(names);
        }
    }

    /**
     * A Java regular expression that must match the whole displayName; its named groups
     * ({@code (?<account>\d{12})}) can be used as {@code ${account}} in the rule's permission sets and
     * accounts.
     */
    record Regex(Pattern pattern, Set<String> namedGroups) implements GroupSelector {
        public Regex {
            namedGroups = Set.copyOf(namedGroups);
        }
    }
}
