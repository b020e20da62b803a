package io.scimbridge.ops.status;

import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.reconcile.Reconciliation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The status page's delivery sections: the queue, its dead letters, and the last reconciliation. */
@ApplicationScoped
public class DeliverySections {

    private final OutboxQueue queue;
    private final IdentityCenterClient client;
    private final Reconciliation reconciliation;

    public DeliverySections(OutboxQueue queue, IdentityCenterClient client, Reconciliation reconciliation) {
        this.queue = queue;
        this.client = client;
        this.reconciliation = reconciliation;
    }

    /** Read from the store on each page view (one aggregate query), not from the 5s metrics cache. */
    public StatusView.Queue queue() {
        OutboxQueue.Status status = queue.status();
        OffsetDateTime oldest = status.oldestMarkedAt();
        return new StatusView.Queue(client.dryRun(), status.depth(), status.deadLetters(),
                oldest == null ? null : Display.age(Duration.between(oldest, OffsetDateTime.now(ZoneOffset.UTC))),
                Display.time(oldest));
    }

    public StatusView.DeadLetters deadLetters(long total, int limit) {
        return new StatusView.DeadLetters(total, queue.entries(true, limit).stream()
                .map(e -> new StatusView.DeadLetter(e.resourceId(), e.resourceType(), e.source(), Display.time(e.markedAt()),
                        e.attempts(), e.lastError() == null ? "(no reason recorded)" : e.lastError()))
                .toList());
    }

    public StatusView.Reconciliation reconciliation() {
        return reconciliation.last()
                .map(r -> new StatusView.Reconciliation(true, r.outcome(), r.detail(), Display.time(r.startedAt()),
                        Display.time(r.finishedAt()), r.usersChecked(), r.groupsChecked(),
                        r.usersRecreated() + r.usersRepaired() + r.groupsRecreated() + r.groupsRepaired()
                                + r.membershipsRepaired()))
                .orElseGet(() -> new StatusView.Reconciliation(false, null, null, null, null, 0, 0, 0));
    }
}
