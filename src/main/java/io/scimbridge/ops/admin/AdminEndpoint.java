package io.scimbridge.ops.admin;

import io.scimbridge.identitycenter.client.DryRunLog;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.outbox.DeliveryWakeUp;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.reconcile.Reconciliation;
import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The operator's API (admin tokens only, see auth.BearerAuthFilter): the delivery queue, dead
 * letters and their retry, the dry-run log, reconciliation on demand.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminEndpoint {

    private static final int MAX_LIMIT = 1000;

    private final OutboxQueue queue;
    private final DeliveryWakeUp wakeUp;
    private final DryRunLog dryRunLog;
    private final IdentityCenterClient client;
    private final Reconciliation reconciliation;

    public AdminEndpoint(OutboxQueue queue, DeliveryWakeUp wakeUp, DryRunLog dryRunLog, IdentityCenterClient client,
                         Reconciliation reconciliation) {
        this.queue = queue;
        this.wakeUp = wakeUp;
        this.dryRunLog = dryRunLog;
        this.client = client;
        this.reconciliation = reconciliation;
    }

    /** Queue depth, oldest pending age, dead letters, and the first waiting marks. */
    public record QueueView(boolean dryRun, long depth, long deadLetters, Long oldestPendingSeconds,
                            List<OutboxQueue.Entry> pending) {}

    @GET
    @Path("queue")
    public QueueView queue(@QueryParam("limit") String limit) {
        OutboxQueue.Status status = queue.status();
        Long oldest = status.oldestMarkedAt() == null ? null
                : Duration.between(status.oldestMarkedAt(), OffsetDateTime.now(ZoneOffset.UTC)).toSeconds();
        return new QueueView(client.dryRun(), status.depth(), status.deadLetters(), oldest,
                queue.entries(false, clamp(limit)));
    }

    @GET
    @Path("dead-letters")
    public List<OutboxQueue.Entry> deadLetters(@QueryParam("limit") String limit) {
        return queue.entries(true, clamp(limit));
    }

    /** The answer to a retry: the dead letter is queued again. */
    public record Requeued(String resourceId, boolean requeued) {}

    /** Gives a dead letter another try now (after fixing its cause: rules, IdP data, AWS). */
    @POST
    @Path("dead-letters/{resourceId}/retry")
    public Requeued retry(@PathParam("resourceId") String resourceId) {
        if (!queue.retryDeadLetter(resourceId)) {
            throw ScimException.notFound("No dead letter for resource " + resourceId);
        }
        wakeUp.wake();
        return new Requeued(resourceId, true);
    }

    @GET
    @Path("dry-run")
    public List<DryRunLog.Call> dryRun(@QueryParam("limit") String limit) {
        return dryRunLog.recent(clamp(limit));
    }

    @POST
    @Path("reconcile")
    public Reconciliation.Report reconcile() {
        return reconciliation.run();
    }

    @GET
    @Path("reconcile")
    public Reconciliation.Report lastReconciliation() {
        return reconciliation.last()
                .orElseThrow(() -> ScimException.notFound("No reconciliation has run since the bridge started"));
    }

    /** {@code limit}: 100 when absent, clamped to 1..1000, 400 when not an integer. */
    private static int clamp(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            return (int) Math.max(1, Math.min(MAX_LIMIT, Long.parseLong(limit.trim())));
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("limit must be an integer");
        }
    }
}
