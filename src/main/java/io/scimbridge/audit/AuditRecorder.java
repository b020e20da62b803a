package io.scimbridge.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.correlation.CorrelationId;
import io.scimbridge.auth.Caller;
import io.scimbridge.scim.ScimErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes the audit entry of a SCIM write once its outcome is known: a response filter runs after
 * the request's transaction committed or rolled back and after the exception mappers chose the
 * status, so a refused or rolled-back write is audited with the status the IdP saw. Requests
 * refused before authentication are not audited (there is no source to name); authenticated
 * refusals (400, 404, 409, 412, 413, 429) are.
 */
class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Caller caller;
    private final AuditContext context;
    private final AuditWriter writer;
    private final AuditConfig config;

    AuditRecorder(Caller caller, AuditContext context, AuditWriter writer, AuditConfig config) {
        this.caller = caller;
        this.context = context;
        this.writer = writer;
        this.config = config;
    }

    @ServerResponseFilter
    void record(ContainerRequestContext request, ContainerResponseContext response) {
        if (!config.enabled()) {
            return;
        }
        Optional<AuditedWrite> write = AuditedWrite.of(request.getMethod(), request.getUriInfo().getPath());
        if (write.isEmpty() || !caller.authenticated() || caller.admin()) {
            return;
        }
        try {
            AuditedWrite w = write.get();
            int status = response.getStatus();
            String resourceId = context.resourceId() != null ? context.resourceId() : w.resourceId();
            writer.submit(new NewAuditEntry(Instant.now(), caller.source(), w.operation(), w.type().wireName(),
                    Clip.to(resourceId, 64), Clip.to(context.name(), 256), Clip.to(context.externalId(), 256), status,
                    status >= 400 ? scimTypeOf(response.getEntity()) : null,
                    CorrelationId.of(request).orElse(null),
                    w.operation() == AuditOperation.PATCH ? context.patchOperations() : java.util.List.of()));
        } catch (RuntimeException e) {
            // the IdP's answer stands whatever happens to its audit entry
            LOG.warnf("Could not record the audit entry of %s %s: %s", request.getMethod(), write.get().type().wireName(),
                    e.toString());
        }
    }

    /** The scimType of the SCIM error body the mapper family rendered (bytes) or a filter built (record). */
    private static String scimTypeOf(Object entity) {
        if (entity instanceof ScimErrorBody body) {
            return body.scimType();
        }
        if (entity instanceof byte[] bytes) {
            try {
                JsonNode type = JSON.readTree(bytes).get("scimType");
                return type != null && type.isTextual() ? Clip.to(type.asText(), 32) : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
