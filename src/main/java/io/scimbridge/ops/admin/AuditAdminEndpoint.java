package io.scimbridge.ops.admin;

import io.scimbridge.audit.AuditLog;
import io.scimbridge.audit.AuditPage;
import io.scimbridge.audit.AuditQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The audit log of SCIM writes, for operators (admin tokens only, see auth.BearerAuthFilter). */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditAdminEndpoint {

    private final AuditLog audit;

    public AuditAdminEndpoint(AuditLog audit) {
        this.audit = audit;
    }

    /** Newest first; page with {@code before=<nextBefore of the previous page>}. */
    @GET
    public AuditPage search(@QueryParam("source") String source, @QueryParam("resourceId") String resourceId,
                            @QueryParam("since") String since, @QueryParam("operation") String operation,
                            @QueryParam("outcome") String outcome, @QueryParam("before") String before,
                            @QueryParam("limit") String limit) {
        return audit.search(AuditQuery.parse(source, resourceId, since, operation, outcome, before, limit));
    }
}
