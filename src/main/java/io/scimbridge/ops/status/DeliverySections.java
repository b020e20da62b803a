package io.scimbridge.ops.status;

import io.scimbridge.guard.DeprovisionGuard;
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

    private final DeprovisionGuard guard;

    public DeliverySections(OutboxQueue queue, IdentityCenterClient client, Reconciliation reconciliation,
                            DeprovisionGuard guard) {
        this.queue = queue;
        this.client = client;
        this.reconciliation = reconciliation;
        this.guard = guard;
    }

    /** The deprovisioning guard, read from the store on each page view. */
    public StatusView.Guard guard(int limit) {
        DeprovisionGuard.Status s = guard.status();
        String limitText = s.enabled() ? s.limit() + " subjects in " + Display.age(s.window()) + " (" + s.managed()
                + " managed)" : "off";
        return new StatusView.Guard(s.enabled(), s.tripped(), s.held(), s.released(), s.sentInWindow(), limitText,
                s.trippedSince() == null ? null : Display.time(s.trippedSince()),
                s.removals().stream().limit(limit).map(h -> new StatusView.Held(h.description(),
                        h.rule() != null ? "rule " + h.rule() : h.correlationId() != null ? "IdP request " + h.correlationId()
                                : "IdP change", Display.time(h.heldSince()), h.released())).toList());
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
        var unmanaged = reconciliation.unmanaged();
        int users = unmanaged.map(u -> u.users().size()).orElse(0);
        int groups = unmanaged.map(u -> u.groups().size()).orElse(0);
        String names = unmanaged.map(u -> java.util.stream.Stream.concat(u.users().stream(), u.groups().stream())
                .map(Reconciliation.Unmanaged.Principal::name).limit(10)
                .collect(java.util.stream.Collectors.joining(", "))).orElse("");
        return reconciliation.last()
                .map(r -> new StatusView.Reconciliation(true, r.outcome(), r.detail(), Display.time(r.startedAt()),
                        Display.time(r.finishedAt()), r.usersChecked(), r.groupsChecked(),
                        r.usersRecreated() + r.usersRepaired() + r.groupsRecreated() + r.groupsRepaired()
                                + r.membershipsRepaired(), users, groups, names))
                .orElseGet(() -> new StatusView.Reconciliation(false, null, null, null, null, 0, 0, 0, 0, 0, ""));
    }
}
