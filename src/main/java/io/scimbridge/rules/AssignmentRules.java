package io.scimbridge.rules;

import java.util.List;
import java.util.Map;

/**
 * The {@code assignments} and {@code permissionSets} sections of the rules file, validated.
 *
 * @param manage         which existing assignments the bridge may delete
 * @param permissionSets by permission set name, in file order
 */
public record AssignmentRules(List<AssignmentRule> rules, Map<String, PermissionSetPolicy> permissionSets, Manage manage) {

    /** Which assignments in scope the bridge may delete when no rule wants them. */
    public enum Manage {
        /** Only those it created itself (recorded as managed): the default. */
        MANAGED,
        /** Any assignment of a targeted permission set and account, including those made by hand. */
        ALL
    }

    public AssignmentRules {
        rules = List.copyOf(rules);
        permissionSets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(permissionSets));
    }

    public static AssignmentRules empty() {
        return new AssignmentRules(List.of(), Map.of(), Manage.MANAGED);
    }
}
