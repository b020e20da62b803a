package io.scimbridge.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Queue gauges: {@code bridge_queue_depth}, {@code bridge_queue_oldest_pending_seconds},
 * {@code bridge_queue_dead_letters}. Read from the store every few seconds, not on scrape, so a
 * scrape never waits for the database.
 */
@ApplicationScoped
public class QueueMetrics {

    private final OutboxQueue queue;
    private final AtomicReference<OutboxQueue.Status> status = new AtomicReference<>(new OutboxQueue.Status(0, 0, null));

    public QueueMetrics(OutboxQueue queue) {
        this.queue = queue;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("bridge.queue.depth", status, s -> s.get().depth())
                .description("Resources waiting for delivery to Identity Center").register(registry);
        Gauge.builder("bridge.queue.oldest.pending.seconds", status, s -> oldestSeconds(s.get()))
                .description("Age of the oldest change not yet delivered").register(registry);
        Gauge.builder("bridge.queue.dead.letters", status, s -> s.get().deadLetters())
                .description("Deliveries that failed permanently and wait for an operator").register(registry);
        refresh();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            status.set(queue.status());
        } catch (RuntimeException e) {
            // the store is down: keep the last figures; readiness reports the store
        }
    }

    private static double oldestSeconds(OutboxQueue.Status s) {
        return s.oldestMarkedAt() == null ? 0
                : Math.max(0, Duration.between(s.oldestMarkedAt(), OffsetDateTime.now(ZoneOffset.UTC)).toMillis() / 1000.0);
    }
}
