package io.scimbridge.ops.status;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the status page shows, already worded for display (the template only prints), one
 * record per section. Holds no secret: the CSRF token is a one-way digest of the session.
 *
 * @param refreshSeconds 0 when the page does not reload itself
 * @param notice         the outcome of the last action (a retry), or null
 */
public record StatusView(String generatedAt, int refreshSeconds, String csrf, String notice, Health health, Queue queue,
                         DeadLetters deadLetters, Reconciliation reconciliation, Assignments assignments,
                         SessionRevocation sessionRevocation, Rules rules, Audit audit, IamUsers iamUsers,
                         Guard guard) {

    /** Readiness and the identity-center health group, with every check. */
    public record Health(String readiness, String identityCenter, List<Check> checks) {}

    /** One health check: its group, name, UP/DOWN, and its data as "key: value" text. */
    public record Check(String group, String name, String status, String data) {

        public boolean up() {
            return "UP".equals(status);
        }
    }

    /** The delivery queue; {@code oldestPendingAge} is null when nothing waits. */
    public record Queue(boolean dryRun, long depth, long deadLetters, String oldestPendingAge, String oldestPendingSince) {}

    /** The first dead letters, oldest first, and how many there are in all. */
    public record DeadLetters(long total, List<DeadLetter> shown) {

        public long notShown() {
            return Math.max(0, total - shown.size());
        }
    }

    /** A delivery that failed permanently, with Identity Center's reason. */
    public record DeadLetter(String resourceId, String resourceType, String source, String markedAt, int attempts,
                             String reason) {

        /** Where its Retry button posts: the id as one encoded path segment. */
        public String retryPath() {
            return "/admin/status/dead-letters/" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/retry";
        }
    }

    /**
     * The last reconciliation since the bridge started, if any ran, with what it found in Identity
     * Center that is not the bridge's ({@code unmanagedNames}: the first few, comma-separated).
     */
    public record Reconciliation(boolean ran, String outcome, String detail, String startedAt, String finishedAt,
                                 int usersChecked, int groupsChecked, int driftsRepaired, int unmanagedUsers,
                                 int unmanagedGroups, String unmanagedNames) {

        public boolean failed() {
            return "failed".equals(outcome);
        }
    }

    /**
     * The assignment plan of the latest run: counts and the first changes ("+ group Team -> Admin
     * in 111122223333 (rule admins)"). {@code planned} is false when no plan could be made.
     */
    public record Assignments(boolean planned, String detail, int creates, int deletes, int unchanged, int unmanaged,
                              List<String> firstChanges, int moreChanges, List<String> notes, String applied) {}

    /**
     * Session revocation: the mode, the counts and problems of the latest run, and the newest
     * users denied (leavers, and members removed from a group whose rule revokes).
     *
     * @param off          mode off: nothing is denied, the section says what that leaves open
     * @param lastRun      "succeeded at ..." / "failed at ...: why", or null before the first run
     * @param onTheList    leavers on the deny list
     * @param uncovered    leavers not (yet) denied everywhere they should be
     * @param overflow     leavers in permission sets for want of SCP room (mode scp)
     */
    public record SessionRevocation(String mode, boolean off, boolean dryRun, String hold, String lastRun,
                                    boolean lastRunFailed, int onTheList, int groupRemovals, int uncovered,
                                    int overflow, int policies, int permissionSets, List<String> problems,
                                    List<Denied> newest, List<Denied> newestGroupRemovals) {}

    /** One user denied: who, where (an SCP, {@code permission-sets}, a permission set, or pending), since, until. */
    public record Denied(String icUserId, String why, String where, String since, String until) {}

    /**
     * The deprovisioning guard: tripped or not, what it holds (the first ones, oldest first).
     *
     * @param limit "20 subjects in PT1H (of 105 managed)", or "off"
     */
    public record Guard(boolean enabled, boolean tripped, long held, long released, long removedInWindow, String limit,
                        String trippedSince, List<Held> shown) {

        public long total() {
            return held + released;
        }

        public long notShown() {
            return Math.max(0, total() - shown.size());
        }
    }

    /** One held removal: what, why (rule or IdP request), since when. */
    public record Held(String description, String cause, String since, boolean released) {}

    /** The rules in force and whether the file on disk agrees. */
    public record Rules(String source, boolean fromFile, String loadedAt, boolean valid, boolean fileMissing, String rejectedAt,
                        List<String> errors, List<String> summary) {}

    /** The newest audit entries; {@code available} is false in a build without an audit log. */
    public record Audit(boolean available, List<Entry> entries) {}

    /** One audit entry, worded for display. */
    public record Entry(String at, String actor, String action, String target, String outcome) {}

    /**
     * The IAM users that Identity Center replaces (latest inventory): counts by class, the first
     * rows (person-left first), the accounts not read.
     *
     * @param detail why there is nothing to show (off, no inventory yet, a problem), or null
     */
    public record IamUsers(boolean on, String detail, String readAt, List<String> counts, int personLeftUsable,
                           List<IamUserRow> rows, int moreRows, List<String> unreachable) {}

    /** One IAM user: class, ACCOUNT/NAME, linked person, usable, last use. */
    public record IamUserRow(String kind, String user, String person, boolean usable, String lastUsed) {

        public boolean urgent() {
            return usable && "person-left".equals(kind);
        }
    }
}
