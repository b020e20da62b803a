package io.scimbridge.ops.admin;

import io.scimbridge.iamusers.ClassifiedUser;
import io.scimbridge.iamusers.IamUserRetirement;
import io.scimbridge.iamusers.IamUsersInventory;
import io.scimbridge.iamusers.IamUsersReport;
import io.scimbridge.iamusers.IamUsersTable;
import io.scimbridge.iamusers.RetirementPlan;
import io.scimbridge.iamusers.StepOutcome;
import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM users that Identity Center replaces (docs/retire-iam-users.md), for operators (admin
 * tokens): the classified report, the retirement plan, apply (only in mode apply) and restore.
 */
@Path("/admin/iam-users")
@Produces(MediaType.APPLICATION_JSON)
public class IamUsersAdminEndpoint {

    private final IamUsersInventory inventory;
    private final IamUserRetirement retirement;

    public IamUsersAdminEndpoint(IamUsersInventory inventory, IamUserRetirement retirement) {
        this.inventory = inventory;
        this.retirement = retirement;
    }

    /** One IAM user, flat for JSON and CSV. */
    public record UserView(String accountId, String accountName, String userName, String arn, String kind, boolean usable,
                           String person, String personState, String linkedBy, boolean password, String passwordLastUsed,
                           List<String> activeKeys, int keys, String lastUsed, int mfaDevices, List<String> groups,
                           List<String> attachedPolicies, List<String> inlinePolicies) {

        static UserView of(ClassifiedUser c) {
            var u = c.user();
            return new UserView(u.accountId(), u.accountName(), u.userName(), u.arn(), c.kind().label(), u.usable(),
                    c.person().map(p -> p.userName()).orElse(null),
                    c.person().map(p -> p.departed() ? "deleted" : !p.active() ? "inactive"
                            : p.migrated() ? "in Identity Center" : "not in Identity Center").orElse(null),
                    c.linkedBy().orElse(null), u.password(), u.passwordLastUsed().map(Instant::toString).orElse(null),
                    u.activeKeyIds(), u.accessKeys().size(), u.lastUsed().map(Instant::toString).orElse(null),
                    u.mfaDevices(), u.groups(), u.attachedPolicies(), u.inlinePolicies());
        }
    }

    public record Unreachable(String accountId, String accountName, String reason) {}

    /** The report: its text as the CLI prints it, and its parts. */
    public record ReportView(String text, String readAt, String problem, Map<String, Long> counts,
                             List<Unreachable> unreachable, List<UserView> users) {

        static ReportView of(IamUsersReport report) {
            Map<String, Long> counts = new LinkedHashMap<>();
            report.counts().forEach((k, v) -> counts.put(k.label(), v));
            return new ReportView(IamUsersTable.render(report), report.readAt().map(Instant::toString).orElse(null),
                    report.problem().orElse(null), counts,
                    report.unreachable().stream().map(u -> new Unreachable(u.accountId(), u.accountName(), u.reason())).toList(),
                    report.users().stream().map(UserView::of).toList());
        }
    }

    public record StepView(String action, String user, String kind, String reason) {}

    public record PlanView(String text, List<StepView> steps, List<String> notes) {

        static PlanView of(RetirementPlan plan) {
            return new PlanView(plan.render(), plan.steps().stream().map(s -> new StepView(s.action(),
                    s.target().user().ref(), s.target().kind().label(), s.reason())).toList(), plan.notes());
        }
    }

    public record ApplyView(String text, PlanView plan, List<StepOutcome> outcomes) {}

    /** The latest inventory ({@code refresh=true}: read AWS now). */
    @GET
    public ReportView report(@QueryParam("refresh") boolean refresh) {
        return ReportView.of(refresh ? inventory.refresh() : inventory.current());
    }

    /** {@code user}: ACCOUNT/NAME of users of any class to include (kept, service: never without). */
    @GET
    @Path("plan")
    public PlanView plan(@QueryParam("user") List<String> users) {
        return PlanView.of(retirement.plan(named(users)));
    }

    @POST
    @Path("apply")
    public ApplyView apply(@QueryParam("user") List<String> users) {
        IamUserRetirement.Applied applied = retirement.apply(named(users));
        StringBuilder text = new StringBuilder(applied.plan().render());
        applied.outcomes().forEach(o -> text.append(o.outcome()).append(": ").append(o.action()).append(' ')
                .append(o.user()).append(": ").append(o.detail()).append('\n'));
        return new ApplyView(text.toString(), PlanView.of(applied.plan()), applied.outcomes());
    }

    /** Undoes stage 1: {@code user} is ACCOUNT/NAME, or a NAME disabled in one account only. */
    @POST
    @Path("restore")
    public StepOutcome restore(@QueryParam("user") String user) {
        if (user == null || user.isBlank()) {
            throw ScimException.invalidValue("restore needs ?user=ACCOUNT/NAME");
        }
        return retirement.restore(user.strip());
    }

    private static Set<String> named(List<String> users) {
        Set<String> named = new LinkedHashSet<>();
        for (String user : users == null ? List.<String>of() : users) {
            if (!user.matches("\\d{12}/[\\w+=,.@-]{1,64}")) {
                throw ScimException.invalidValue("user must be ACCOUNT/NAME (12-digit account id), not '" + user + "'");
            }
            named.add(user);
        }
        return named;
    }
}
