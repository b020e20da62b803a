package io.scimbridge.ops.status;

import java.time.Instant;

/**
 * One audit entry as the status page shows it: when, who (a source or an admin token id), what
 * was done, to what, and how it ended. Never a secret: the audit log records token ids, not tokens.
 */
public record AuditLine(Instant at, String actor, String action, String target, String outcome) {}
