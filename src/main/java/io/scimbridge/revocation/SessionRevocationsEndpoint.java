package io.scimbridge.revocation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Who is on the deny list, since and until when, in which policy; for operators (admin tokens). */
@Path("/admin/session-revocations")
@Produces(MediaType.APPLICATION_JSON)
public class SessionRevocationsEndpoint {

    /** One user on the list; {@code policy} is an SCP's name or {@code permission-sets}. */
    public record Entry(String icUserId, String resourceId, String source, String reason, String requestedAt,
                        String since, String until, String inForceAt, String policy) {
        static Entry of(Revocation r) {
            return new Entry(r.icUserId(), r.resourceId(), r.source(), r.reason(), text(r.requestedAt()),
                    text(r.revokedAt()), text(r.expiresAt()), text(r.inForceAt()), r.placement());
        }
    }

    /** A user denied in one permission set after leaving a group (revokeOnGroupRemoval). */
    public record ScopedEntry(String icUserId, String permissionSetArn, String groupId, String source, String since,
                              String until, String inForceAt) {
        static ScopedEntry of(ScopedRevocation r) {
            return new ScopedEntry(r.icUserId(), r.permissionSetArn(), r.groupId(), r.source(), text(r.revokedAt()),
                    text(r.expiresAt()), text(r.inForceAt()));
        }
    }

    /** One bridge-owned SCP. */
    public record PolicyView(String name, String id, int users, int characters, int level, int targets) {
    }

    /** One permission set whose inline policy holds the bridge's statement. */
    public record PermissionSetView(String arn, int users, int characters, int accounts) {
    }

    /** The list and the latest run. */
    public record View(String mode, String hold, boolean dryRun, String lastRun, boolean lastRunSucceeded,
                       String lastError, int uncovered, List<String> problems, List<PolicyView> policies,
                       List<PermissionSetView> permissionSets, String managementAccount, int overflowToPermissionSets,
                       List<Entry> revocations, List<ScopedEntry> groupRemovals) {
    }

    private final SessionRevocations revocations;
    private final HoldTime hold;

    public SessionRevocationsEndpoint(SessionRevocations revocations, HoldTime hold) {
        this.revocations = revocations;
        this.hold = hold;
    }

    @GET
    public View list() {
        var run = revocations.last();
        String mode = revocations.mode().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new View(mode, hold.current().toString(), run.map(SessionRevocations.Run::dryRun).orElse(false),
                run.map(r -> r.at().toString()).orElse(null), run.map(SessionRevocations.Run::succeeded).orElse(false),
                run.map(SessionRevocations.Run::error).orElse(null), run.map(SessionRevocations.Run::uncovered).orElse(0),
                run.map(SessionRevocations.Run::problems).orElse(List.of()),
                run.map(r -> r.policies().entrySet().stream().map(e -> new PolicyView(e.getKey(), e.getValue().id(),
                        e.getValue().ids(), e.getValue().characters(), e.getValue().level(), e.getValue().targets()))
                        .toList()).orElse(List.of()),
                run.map(r -> r.permissionSets().stream().map(p -> new PermissionSetView(p.arn(), p.users(),
                        p.characters(), p.accounts())).toList()).orElse(List.of()),
                run.map(SessionRevocations.Run::managementAccount).orElse(null),
                run.map(SessionRevocations.Run::overflowToPermissionSets).orElse(0),
                revocations.list().stream().map(Entry::of).toList(),
                revocations.scopedList().stream().map(ScopedEntry::of).toList());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
