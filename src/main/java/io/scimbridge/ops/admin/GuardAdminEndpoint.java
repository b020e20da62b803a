package io.scimbridge.ops.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.auth.Caller;
import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.guard.HeldRemoval;
import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * The deprovisioning guard for operators (admin tokens): what it holds and why, and the release
 * of all held removals or of those named (docs/safety-rails.md).
 */
@Path("/admin/guard")
@Produces(MediaType.APPLICATION_JSON)
public class GuardAdminEndpoint {

    private final DeprovisionGuard guard;
    private final Caller caller;
    private final ObjectMapper json;

    public GuardAdminEndpoint(DeprovisionGuard guard, Caller caller, ObjectMapper json) {
        this.guard = guard;
        this.caller = caller;
        this.json = json;
    }

    /** One held removal: what, why (rule or the IdP request's correlation id), since when. */
    public record HeldView(String key, String kind, String owner, String ownerType, String subject, String source,
                           String description, String rule, String correlationId, Instant heldSince, boolean released) {

        static HeldView of(HeldRemoval h) {
            return new HeldView(h.key(), h.kind().wireName(), h.ownerId(), h.ownerType(), h.subject(), h.source(),
                    h.description(), h.rule(), h.correlationId(), h.heldSince(), h.released());
        }
    }

    /** The guard's state; {@code limit} is 0 when the guard is off. */
    public record GuardView(boolean enabled, boolean tripped, long held, long released, long removedInWindow,
                            long limit, long managed, String window, Instant trippedSince, List<HeldView> removals) {}

    /** A release: all held removals ({@code names} absent or empty), or those named by key, owner id or subject. */
    public record ReleaseRequest(List<String> names) {}

    public record ReleaseView(int released, List<HeldView> removals) {}

    @GET
    public GuardView status() {
        DeprovisionGuard.Status s = guard.status();
        return new GuardView(s.enabled(), s.tripped(), s.held(), s.released(), s.sentInWindow(), s.limit(), s.managed(),
                s.window().toString(), s.trippedSince(), s.removals().stream().map(HeldView::of).toList());
    }

    /** The body is optional (no body, any content type: all), so it is read as text and parsed here. */
    @POST
    @Path("release")
    @Consumes(MediaType.WILDCARD)
    public ReleaseView release(String body) {
        ReleaseRequest request;
        try {
            request = body == null || body.isBlank() ? null : json.readValue(body, ReleaseRequest.class);
        } catch (JsonProcessingException e) {
            throw ScimException.invalidValue("The body must be {\"names\": [...]} or empty: " + e.getOriginalMessage());
        }
        List<String> names = request == null || request.names() == null ? List.of()
                : request.names().stream().filter(n -> n != null && !n.isBlank()).map(String::trim).toList();
        List<HeldRemoval> released = guard.release(names, "admin:" + caller.tokenId());
        if (released.isEmpty() && !names.isEmpty()) {
            throw ScimException.notFound("No held removal named " + String.join(", ", names));
        }
        return new ReleaseView(released.size(), released.stream().map(HeldView::of).toList());
    }
}
