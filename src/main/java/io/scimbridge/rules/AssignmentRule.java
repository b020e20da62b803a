package io.scimbridge.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule of the {@code assignments} section: the groups it selects get the permission sets in
 * the target accounts.
 *
 * <p>Targets: the accounts listed in {@code accounts} plus every account below the listed
 * {@code organizationalUnits} (recursively); if neither is given, every account of the
 * organisation. {@code accountTags} then keeps only accounts carrying all those tags (so it selects
 * from the whole organisation when used alone), and {@code exceptAccounts} removes accounts.
 * Only ACTIVE accounts are targeted; others are reported as skipped.
 *
 * @param line           line of the rule in the rules file (1-based), for messages
 * @param permissionSets names or ARNs, possibly templated with the pattern's named groups
 * @param accounts       12-digit ids, possibly templated
 * @param revokeOnGroupRemoval whether a user removed from a group of this rule has its live sessions of
 *                       the rule's permission sets denied for the session-revocation hold
 */
public record AssignmentRule(String name, int line, GroupSelector groups, List<Template> permissionSets,
                             List<Template> accounts, List<String> organizationalUnits,
                             Map<String, String> accountTags, Set<String> exceptAccounts,
                             boolean revokeOnGroupRemoval) {

    public AssignmentRule {
        permissionSets = List.copyOf(permissionSets);
        accounts = List.copyOf(accounts);
        organizationalUnits = List.copyOf(organizationalUnits);
        accountTags = Map.copyOf(accountTags);
        exceptAccounts = Set.copyOf(exceptAccounts);
    }

    /** Whether the rule names neither accounts nor OUs, so that it starts from every account. */
    public boolean startsFromWholeOrganization() {
        return accounts.isEmpty() && organizationalUnits.isEmpty();
    }
}
