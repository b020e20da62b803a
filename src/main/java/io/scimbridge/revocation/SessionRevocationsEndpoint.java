package io.scimbridge.revocation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Who is on the deny list, since and until when, in which policy; for operators (admin tokens). */
@Path("/admin/session-revocations")
@Produces(MediaType.APPLICATION_JSON)
public class SessionRevocationsEndpoint {

    /** One user on the list. */
    public record Entry(String icUserId, String resourceId, String source, String reason, String requestedAt,
                        String since, String until, String inForceAt, String policy) {
        static Entry of(Revocation r) {
            return new Entry(r.icUserId(), r.resourceId(), r.source(), r.reason(), text(r.requestedAt()),
                    text(r.revokedAt()), text(r.expiresAt()), text(r.inForceAt()), r.placement());
        }
    }

    /** One bridge-owned SCP. */
    public record PolicyView(String name, String id, int users, int characters) {
    }

    /** The list and the latest run. */
    public record View(String mode, String hold, boolean dryRun, String lastRun, boolean lastRunSucceeded,
                       String lastError, int uncovered, List<String> problems, List<PolicyView> policies,
                       List<Entry> revocations) {
    }

    private final SessionRevocations revocations;

    public SessionRevocationsEndpoint(SessionRevocations revocations) {
        this.revocations = revocations;
    }

    @GET
    public View list() {
        var run = revocations.last();
        String mode = revocations.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return new View(mode, revocations.holdTime().toString(), run.map(SessionRevocations.Run::dryRun).orElse(false),
                run.map(r -> r.at().toString()).orElse(null), run.map(SessionRevocations.Run::succeeded).orElse(false),
                run.map(SessionRevocations.Run::error).orElse(null), run.map(SessionRevocations.Run::uncovered).orElse(0),
                run.map(SessionRevocations.Run::problems).orElse(List.of()),
                run.map(r -> r.policies().entrySet().stream().map(e -> new PolicyView(e.getKey(), e.getValue().id(),
                        e.getValue().ids(), e.getValue().characters())).toList()).orElse(List.of()),
                revocations.list().stream().map(Entry::of).toList());
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }
}
