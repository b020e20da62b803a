package io.scimbridge.ops.admin;

import io.scimbridge.assignments.AssignmentCoordinator;
import io.scimbridge.assignments.AssignmentService;
import io.scimbridge.assignments.Change;
import io.scimbridge.assignments.Finding;
import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The assignment plan (terraform-style) and a run on demand, for operators (admin tokens). */
@Path("/admin/assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentsAdminEndpoint {

    private final AssignmentCoordinator coordinator;

    public AssignmentsAdminEndpoint(AssignmentCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** One planned change, flat for JSON. */
    public record ChangeView(String action, String rule, String permissionSetArn, String accountId,
                             String principalType, String principalId, String reason) {

        static ChangeView of(Change change) {
            var a = change.assignment();
            String reason = change instanceof Change.Delete d ? d.reason() : null;
            return new ChangeView(change instanceof Change.Create ? "create" : "delete", change.rule(),
                    a.permissionSetArn(), a.accountId(), a.principalType().name(), a.principalId(), reason);
        }
    }

    /** The plan: its text as the CLI prints it, and its parts. */
    public record PlanView(String text, List<ChangeView> changes, List<String> findings, List<String> notes,
                           boolean applicable) {

        static PlanView of(AssignmentService.PlanResult planned) {
            return new PlanView(planned.plan().render(),
                    planned.plan().changes().stream().map(ChangeView::of).toList(),
                    planned.plan().findings().stream().map(Finding::message).toList(),
                    planned.notes(), planned.applicable());
        }
    }

    /** A run's outcome. */
    public record RunView(String detail, PlanView plan, int succeeded, int failed) {}

    @GET
    @Path("plan")
    public PlanView plan() {
        try {
            return coordinator.plan().map(PlanView::of).orElseGet(() -> new PlanView(
                    "No assignments in the rules file.\n", List.of(), List.of(), List.of(), false));
        } catch (IllegalStateException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
    }

    /** Plans and applies now (unless bridge.assignments.mode=plan-only). */
    @POST
    @Path("apply")
    public RunView apply() {
        AssignmentCoordinator.Run run = coordinator.run();
        return new RunView(run.detail(), run.planned() == null ? null : PlanView.of(run.planned()),
                run.applied() == null ? 0 : run.applied().assignments().succeeded().size(),
                run.applied() == null ? 0 : run.applied().assignments().failed().size());
    }
}
