package io.scimbridge.ops.admin;

import io.scimbridge.assignments.AssignmentCoordinator;
import io.scimbridge.assignments.Assignment;
import io.scimbridge.identitycenter.reconcile.Reconciliation;
import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * What Identity Center holds that the bridge does not own (made in the console, by Control Tower,
 * by another tool): the bridge never modifies or deletes it, and lists it here (docs/safety-rails.md).
 */
@Path("/admin/unmanaged")
@Produces(MediaType.APPLICATION_JSON)
public class UnmanagedAdminEndpoint {

    private final Reconciliation reconciliation;
    private final AssignmentCoordinator assignments;

    public UnmanagedAdminEndpoint(Reconciliation reconciliation, AssignmentCoordinator assignments) {
        this.reconciliation = reconciliation;
        this.assignments = assignments;
    }

    /**
     * Users and groups as the latest reconciliation found them; assignments as the latest
     * assignment plan found them in the accounts and permission sets the rules name.
     */
    public record UnmanagedView(Instant reconciledAt, List<Reconciliation.Unmanaged.Principal> users,
                                List<Reconciliation.Unmanaged.Principal> groups, List<Assignment> assignments) {}

    @GET
    public UnmanagedView unmanaged() {
        Reconciliation.Unmanaged found = reconciliation.unmanaged().orElseThrow(() -> ScimException.notFound(
                "No reconciliation has completed since the bridge started (POST /admin/reconcile)"));
        List<Assignment> unmanagedAssignments = assignments.last()
                .filter(run -> run.planned() != null).map(run -> run.planned().plan().unmanaged()).orElse(List.of());
        return new UnmanagedView(found.at(), found.users(), found.groups(), unmanagedAssignments);
    }
}
