package io.scimbridge.rules;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules file's {@code protect:} section: users (by userName) and groups (by displayName) the
 * bridge never deactivates, deletes, removes from a group, strips of an assignment or revokes
 * sessions for in AWS (break-glass users, Control Tower's groups). Names compare case-insensitively.
 * Read with the rest of the file by {@link ProtectSection}.
 */
public record ProtectedPrincipals(Set<String> userNames, Set<String> groupNames) {

    public static final ProtectedPrincipals NONE = new ProtectedPrincipals(Set.of(), Set.of());

    public ProtectedPrincipals {
        userNames = lower(userNames);
        groupNames = lower(groupNames);
    }

    /** The principals of {@code rules}, read and checked with the file ({@link ProtectSection}). */
    public static ProtectedPrincipals of(Rules rules) {
        return rules.section(ProtectSection.class).orElse(NONE);
    }

    public boolean user(String userName) {
        return userName != null && userNames.contains(userName.strip().toLowerCase(Locale.ROOT));
    }

    public boolean group(String displayName) {
        return displayName != null && groupNames.contains(displayName.strip().toLowerCase(Locale.ROOT));
    }

    /** The summary line of {@code rules check}. */
    String describe() {
        return "protect: " + userNames.size() + " user(s), " + groupNames.size()
                + " group(s), never deactivated, deleted or stripped in AWS";
    }

    public boolean isEmpty() {
        return userNames.isEmpty() && groupNames.isEmpty();
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
