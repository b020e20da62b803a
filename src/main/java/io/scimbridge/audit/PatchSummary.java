package io.scimbridge.audit;

import java.util.Arrays;
import java.util.List;

/** A PATCH's "op path" lines in one column: one line each, bounded to the column's size. */
final class PatchSummary {

    static final int MAX_CHARS = 4000;

    private PatchSummary() {}

    static String join(List<String> operations) {
        if (operations == null || operations.isEmpty()) {
            return null;
        }
        String joined = String.join("\n", operations);
        return joined.length() <= MAX_CHARS ? joined : joined.substring(0, MAX_CHARS - 4) + "\n...";
    }

    static List<String> split(String column) {
        return column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split("\n"));
    }
}
