package io.scimbridge.ops.status;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Reads every section of the status page, for one page view. */
@ApplicationScoped
public class StatusCollector {

    private final HealthReader health;
    private final DeliverySections delivery;
    private final RulesSections rules;
    private final AuditFeed audit;
    private final StatusPageConfig config;

    public StatusCollector(HealthReader health, DeliverySections delivery, RulesSections rules, AuditFeed audit,
                           StatusPageConfig config) {
        this.health = health;
        this.delivery = delivery;
        this.rules = rules;
        this.audit = audit;
        this.config = config;
    }

    /** The page's own reload interval, in seconds (0: off). */
    public int defaultRefreshSeconds() {
        return (int) Math.min(3600, config.refresh().toSeconds());
    }

    public StatusView collect(int refreshSeconds, String csrf, String notice) {
        StatusView.Queue queue = delivery.queue();
        return new StatusView(Display.time(Instant.now()), refreshSeconds, csrf, notice, health.read(), queue,
                delivery.deadLetters(queue.deadLetters(), config.deadLetters()), delivery.reconciliation(),
                rules.assignments(config.planChanges()), rules.sessionRevocation(config.revocations()), rules.rules(),
                audit(), rules.iamUsers(config.planChanges()), delivery.guard(config.deadLetters()));
    }

    private StatusView.Audit audit() {
        if (!audit.available()) {
            return new StatusView.Audit(false, List.of());
        }
        return new StatusView.Audit(true, audit.recent(config.auditEntries()).stream()
                .map(e -> new StatusView.Entry(Display.time(e.at()), e.actor(), e.action(), e.target(), e.outcome()))
                .toList());
    }
}
