package io.scimbridge.ops.status;

import io.scimbridge.audit.AuditConfig;
import io.scimbridge.audit.AuditEntry;
import io.scimbridge.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The status page's audit section, read from the audit log of SCIM writes. */
@ApplicationScoped
public class AuditLogFeed implements AuditFeed {

    private final AuditLog log;
    private final AuditConfig config;

    public AuditLogFeed(AuditLog log, AuditConfig config) {
        this.log = log;
        this.config = config;
    }

    @Override
    public List<AuditLine> recent(int limit) {
        return log.recent(limit).stream().map(AuditLogFeed::line).toList();
    }

    /** Switched off ({@code bridge.audit.enabled=false}): older entries may exist, but the page says it is off. */
    @Override
    public boolean available() {
        return config.enabled();
    }

    static AuditLine line(AuditEntry e) {
        String target = e.name() == null ? e.resourceId() : e.resourceId() == null ? e.name() : e.name() + " (" + e.resourceId() + ")";
        String action = e.operation() + (e.resourceType() == null ? "" : " " + e.resourceType())
                + (e.patchOperations() == null || e.patchOperations().isEmpty() ? "" : " [" + String.join(", ", e.patchOperations()) + "]");
        String outcome = e.status() + " " + e.outcome() + (e.scimType() == null ? "" : " (" + e.scimType() + ")");
        return new AuditLine(e.at(), e.source(), action, target, outcome);
    }
}
