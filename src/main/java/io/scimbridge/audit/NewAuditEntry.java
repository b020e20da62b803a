package io.scimbridge.audit;

import java.time.Instant;
import java.util.List;

/** An entry on its way to the store (it has no id yet). */
record NewAuditEntry(Instant at, String source, AuditOperation operation, String resourceType, String resourceId,
                     String name, String externalId, int status, String scimType, String correlationId,
                     List<String> patchOperations) {}
