package io.scimbridge.assignments;

/** One step of a plan: an assignment to create or to delete, and the rule behind it. */
public sealed interface Change {

    Assignment assignment();

    /** The rule that wants it (create) or that created it (delete); null if not known. */
    String rule();

    /** Names to show next to the ids. */
    Labels labels();

    /** Wanted by {@link #rule()}, absent in AWS. */
    record Create(Assignment assignment, String rule, Labels labels) implements Change {
    }

    /** Present in AWS, wanted by no rule, and the bridge may delete it; {@code reason} says why. */
    record Delete(Assignment assignment, String rule, String reason, Labels labels) implements Change {
    }

    /** Display names for an assignment's principal, permission set and account (ids when unknown). */
    record Labels(String principal, String permissionSet, String account) {
    }
}
