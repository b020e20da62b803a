package io.scimbridge.audit;

import java.util.List;

/**
 * One page of the audit log, newest first.
 *
 * @param nextBefore the {@code before} value that fetches the next (older) page; null on the last page
 */
public record AuditPage(List<AuditEntry> entries, Long nextBefore) {}
