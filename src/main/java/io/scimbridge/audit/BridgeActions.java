package io.scimbridge.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Audit entries for what the bridge does by itself to a resource's access (session revocation),
 * next to the IdP's writes that caused it: same table, same queries ({@code GET /admin/audit}),
 * status 200, no correlation id of their own.
 */
@ApplicationScoped
public class BridgeActions {

    private final AuditWriter writer;
    private final AuditConfig config;

    public BridgeActions(AuditWriter writer, AuditConfig config) {
        this.writer = writer;
        this.config = config;
    }

    /**
     * @param name    what names the resource in AWS (an Identity Center id)
     * @param details short facts (why, until when, where), kept like a PATCH's operations
     */
    public void record(String source, AuditOperation operation, String resourceType, String resourceId, String name,
                       List<String> details) {
        if (!config.enabled()) {
            return;
        }
        writer.submit(new NewAuditEntry(Instant.now(), Clip.to(source, 64), operation, resourceType,
                Clip.to(resourceId, 64), Clip.to(name, 256), null, 200, null, null, details));
    }
}
