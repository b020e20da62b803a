package io.scimbridge.guard;

import java.util.Locale;

/**
 * Something the bridge is about to take away in AWS, asked of the guard before it is sent.
 *
 * @param ownerId     the resource whose delivery sends it (a user or group id), or {@link #ASSIGNMENTS}
 * @param subject     what loses access, counted once per window however many removals name it: a
 *                    user's id (its deactivation, deletion and group removals are one leaver), a
 *                    group's id, or an assignment
 * @param userName    the user it takes something from, if any (for {@code protect:})
 * @param groupName   the group it takes something from, if any (for {@code protect:})
 * @param source      the IdP source of the owner, null for assignments
 * @param description what an operator reads, e.g. "deactivate user alice@contoso.com"
 * @param rule        the rule behind it, when a rule is (an assignment rule); null otherwise
 */
public record Removal(Kind kind, String ownerId, String subject, String userName, String groupName, String source,
                      String description, String rule) {

    /** The owner of assignment deletions: the assignment applier, not one resource. */
    public static final String ASSIGNMENTS = "assignments";

    /** What is taken away. Session revocations follow these (a leaver's deny is sent only once its removal is). */
    public enum Kind {
        USER_DEACTIVATE, USER_DELETE, GROUP_DELETE, MEMBER_REMOVE, ASSIGNMENT_DELETE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        /** The owner's type as the admin API shows it. */
        String ownerType() {
            return switch (this) {
                case USER_DEACTIVATE, USER_DELETE -> "user";
                case GROUP_DELETE, MEMBER_REMOVE -> "group";
                case ASSIGNMENT_DELETE -> ASSIGNMENTS;
            };
        }
    }

    /** Names the removal across deliveries: what an operator releases by name. */
    public String key() {
        return kind.wireName() + ":" + ownerId + ":" + subject;
    }
}
