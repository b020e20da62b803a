package io.scimbridge.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audited SCIM write, as the admin API and the status page show it. Never carries a value
 * the IdP sent beyond what names the resource: no body, no PATCH value, no password, no token.
 *
 * @param name            userName of a user, displayName of a group, when known
 * @param status          the HTTP status the IdP got
 * @param scimType        the SCIM error type of a refusal (invalidValue, uniqueness, ...), if any
 * @param outcome         "succeeded" (status below 400) or "failed"
 * @param patchOperations for a PATCH, each operation as "op path" (op only when path-less)
 */
public record AuditEntry(long id, Instant at, String source, String operation, String resourceType,
                         String resourceId, String name, String externalId, int status, String scimType,
                         String outcome, String correlationId, List<String> patchOperations) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    static String outcomeOf(int status) {
        return status < 400 ? SUCCEEDED : FAILED;
    }
}
