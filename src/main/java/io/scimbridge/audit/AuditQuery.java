package io.scimbridge.audit;

import io.scimbridge.scim.ScimException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the admin API asks of the audit log; every criterion optional. Newest first;
 * {@code before} is the paging cursor (the id of the last entry of the previous page).
 *
 * @param minStatus inclusive, with maxStatus: the outcome as a status range
 */
public record AuditQuery(String source, String resourceId, Instant since, AuditOperation operation,
                         Integer minStatus, Integer maxStatus, Long before, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static AuditQuery recent(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, Math.max(1, Math.min(MAX_LIMIT, limit)));
    }

    /**
     * From the admin API's query parameters; 400 invalidValue for a malformed one. {@code outcome}
     * is "succeeded" (below 400), "failed" (400 and above) or one status.
     */
    public static AuditQuery parse(String source, String resourceId, String since, String operation, String outcome,
                                   String before, String limit) {
        Integer min = null;
        Integer max = null;
        if (present(outcome)) {
            switch (outcome.trim().toLowerCase(Locale.ROOT)) {
                case AuditEntry.SUCCEEDED -> { min = 0; max = 399; }
                case AuditEntry.FAILED -> { min = 400; max = 999; }
                default -> {
                    int status = (int) number(outcome, "outcome must be succeeded, failed or an HTTP status");
                    min = status;
                    max = status;
                }
            }
        }
        return new AuditQuery(present(source) ? source.trim() : null, present(resourceId) ? resourceId.trim() : null,
                present(since) ? instant(since) : null,
                present(operation) ? AuditOperation.fromWireName(operation.trim()).orElseThrow(() ->
                        ScimException.invalidValue("operation must be one of " + java.util.Arrays.stream(AuditOperation.values())
                                .map(AuditOperation::wireName).toList())) : null,
                min, max, present(before) ? number(before, "before must be an entry id") : null,
                present(limit) ? (int) Math.max(1, Math.min(MAX_LIMIT, number(limit, "limit must be an integer")))
                        : DEFAULT_LIMIT);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static long number(String value, String problem) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(problem);
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ScimException.invalidValue("since must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z, not '"
                    + Clip.to(value, 40) + "'");
        }
    }
}
