package io.scimbridge.ops.status;

import java.util.List;

/**
 * Where the status page's "Audit" section reads from ({@link AuditLogFeed}: the audit log of SCIM
 * writes). A seam of two methods, so the page depends on what it shows, not on how the audit log
 * stores and searches entries.
 */
public interface AuditFeed {

    /** The newest entries first, at most {@code limit}. */
    List<AuditLine> recent(int limit);

    /** False when auditing is switched off: the page says so rather than showing "no entries". */
    boolean available();
}
