package io.scimbridge.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.scimbridge.guard.DeprovisionGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Guard gauges: {@code bridge_guard_tripped} (1 while removals are held) and {@code bridge_guard_held}
 * (how many). Read from the store every few seconds, not on scrape, like the queue gauges.
 */
@ApplicationScoped
public class GuardMetrics {

    private final DeprovisionGuard guard;
    private final AtomicReference<long[]> trippedAndHeld = new AtomicReference<>(new long[] {0, 0});

    public GuardMetrics(DeprovisionGuard guard) {
        this.guard = guard;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("bridge.guard.tripped", trippedAndHeld, s -> s.get()[0])
                .description("1 while the deprovisioning guard holds removals for an operator").register(registry);
        Gauge.builder("bridge.guard.held", trippedAndHeld, s -> s.get()[1])
                .description("Removals held by the deprovisioning guard, not yet released").register(registry);
        refresh();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            DeprovisionGuard.Status s = guard.status();
            trippedAndHeld.set(new long[] {s.tripped() ? 1 : 0, s.held()});
        } catch (RuntimeException e) {
            // the store is down: keep the last figures; readiness reports the store
        }
    }
}
