package io.scimbridge.identitycenter.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimbridge.correlation.CorrelationId;
import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.identitycenter.client.Circuit;
import io.scimbridge.identitycenter.client.IdentityCenterException;
import io.scimbridge.identitycenter.outbox.DeliveryWakeUp;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.pacing.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Drains the dirty marks: claims due marks (leases, so replicas share the work), runs up to
 * {@code workers} deliveries at once, clears a mark on success, reschedules it with backoff on
 * failure. Woken at once by commits that mark something dirty; polls as a safety net.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);

    private final OutboxQueue queue;
    private final Delivery delivery;
    private final DeliveryWakeUp wakeUp;
    private final IdentityCenterConfig config;
    private final MeterRegistry metrics;
    private final boolean enabled;
    private final Semaphore free;
    private final Circuit circuit;
    private final java.util.Set<OutboxQueue.Claim> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private java.util.concurrent.ScheduledExecutorService renewals;
    private Thread loop;
    private volatile boolean running;
    /** Outages seen ended (Circuit#recoveries), by the loop thread only. */
    private long outagesEnded;

    public DeliveryLoop(OutboxQueue queue, Delivery delivery, DeliveryWakeUp wakeUp, IdentityCenterConfig config,
                        MeterRegistry metrics, DeliveryConfig deliveryConfig,
                        Circuit circuit) {
        this.circuit = circuit;
        this.queue = queue;
        this.delivery = delivery;
        this.wakeUp = wakeUp;
        this.config = config;
        this.metrics = metrics;
        this.enabled = deliveryConfig.enabled();
        this.free = new Semaphore(Math.max(1, config.workers()));
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("Delivery to Identity Center is disabled (bridge.delivery.enabled=false)");
            return;
        }
        running = true;
        workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), Thread.ofPlatform().name("delivery-", 0).factory());
        loop = Thread.ofPlatform().name("delivery-loop").daemon().start(this::run);
        long every = Math.max(100, config.lease().toMillis() / 3);
        renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("delivery-leases").daemon().factory());
        renewals.scheduleWithFixedDelay(this::renewLeases, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void renewLeases() {
        try {
            queue.renew(java.util.List.copyOf(inFlight));
        } catch (RuntimeException e) {
            LOG.warnf("Could not renew delivery leases: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.wake();
        if (workers != null) {
            workers.shutdown();
        }
        if (renewals != null) {
            renewals.shutdown();
        }
    }

    private void run() {
        while (running) {
            try {
                catchUpAfterOutage();
                var open = circuit.openFor();
                if (open.isPresent()) {
                    // Identity Center is down: no claims, so no retries are burnt; then one probe.
                    wakeUp.await(Math.min(open.get().toMillis() + 1, config.pollInterval().toMillis()));
                    continue;
                }
                int capacity = free.availablePermits();
                List<OutboxQueue.Claim> claims = claim(capacity);
                for (OutboxQueue.Claim claim : claims) {
                    free.acquire();
                    workers.submit(() -> {
                        try {
                            deliver(claim);
                        } finally {
                            inFlight.remove(claim);
                            free.release();
                            wakeUp.wake();
                        }
                    });
                }
                if (claims.isEmpty()) {
                    wakeUp.await(config.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store is unreachable or similar: say so, and try again at the next poll.
                LOG.warnf("Delivery loop could not claim work: %s", e.toString());
                try {
                    wakeUp.await(config.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims and registers as in flight in one step, so that {@link #idle()} never misses a claim. */
    private List<OutboxQueue.Claim> claim(int capacity) {
        synchronized (inFlight) {
            List<OutboxQueue.Claim> claims = capacity == 0 ? List.of() : queue.claim(capacity);
            inFlight.addAll(claims);
            return claims;
        }
    }

    /**
     * No delivery claimed or running in this process: once the dirty marks are gone, nothing this
     * process started will still write to Identity Center or the shadow.
     */
    public boolean idle() {
        synchronized (inFlight) {
            return inFlight.isEmpty();
        }
    }

    /**
     * Delivers under the correlation id of the change that marked the resource, so the delivery's
     * log lines and its calls to Identity Center can be traced back to the IdP's request.
     */
    void deliver(OutboxQueue.Claim claim) {
        CorrelationId.runWith(claim.correlationId(), () -> deliverNow(claim));
    }

    private void deliverNow(OutboxQueue.Claim claim) {
        try {
            Delivery.Outcome outcome = delivery.deliver(claim);
            if (outcome == Delivery.Outcome.WAITING) {
                // Members not yet in Identity Center: what could be sent was sent; come back soon.
                queue.postpone(claim, Duration.ofMillis(500), "waiting for members to reach Identity Center");
                count(claim, "waiting");
            } else if (outcome == Delivery.Outcome.HELD) {
                // The deprovisioning guard holds a removal: the mark stays, parked rather than
                // retried hot; a release or a new change from the IdP makes it due at once.
                queue.postpone(claim, DeprovisionGuard.PARK, "removal held by the deprovisioning guard (GET /admin/guard)");
                count(claim, "held");
            } else {
                queue.complete(claim);
                count(claim, "delivered");
            }
        } catch (IdentityCenterException e) {
            if (e.throttled()) {
                // "slow down", not a failure: the shared rate limiter already paused every worker
                Duration delay = e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(1);
                queue.retryLater(claim, e.getMessage(), delay);
                count(claim, "throttled");
                LOG.debugf("Delivery of %s %s throttled, retry in %s", claim.type().wireName(), claim.resourceId(), delay);
                return;
            }
            Duration delay = backoff(claim.attempts(), e.retryAfter());
            boolean dead = queue.fail(claim, e.getMessage(), delay, e.permanent());
            count(claim, dead ? "dead_letter" : "failed");
            if (dead) {
                LOG.warnf("Dead letter: %s %s: %s", claim.type().wireName(), claim.resourceId(), e.getMessage());
            } else {
                LOG.debugf("Delivery of %s %s failed, retry in %s: %s", claim.type().wireName(), claim.resourceId(),
                        delay, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Delivery of %s %s failed", claim.type().wireName(), claim.resourceId());
            try {
                queue.fail(claim, "internal error: " + e.getClass().getSimpleName(), backoff(claim.attempts(), null), false);
            } catch (RuntimeException ignored) {
                // the lease runs out and the mark is taken again
            }
            count(claim, "failed");
        }
    }

    /** After an outage the marks that backed off during it are due at once (level-triggered: nothing to replay). */
    private void catchUpAfterOutage() {
        long ended = circuit.recoveries();
        if (ended != outagesEnded) {
            outagesEnded = ended;
            int due = queue.retryBackedOffNow();
            LOG.infof("Identity Center answers again: %d change(s) that backed off during the outage are due now", due);
        }
    }

    /**
     * Exponential backoff from 1 s to maxBackoff, with jitter, or Identity Center's Retry-After
     * when longer. The jitter (a wait between half and all of the step) spreads out the marks that
     * failed together in an outage or a 429 storm, instead of sending them back in one burst.
     */
    Duration backoff(int attempts, Duration retryAfter) {
        Duration max = config.maxBackoff();
        Duration first = max.compareTo(Duration.ofSeconds(1)) < 0 ? max : Duration.ofSeconds(1);
        Duration wait = new Backoff(first, max, true).after(attempts + 1);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    private void count(OutboxQueue.Claim claim, String outcome) {
        Counter.builder("bridge.deliveries").description("Deliveries to Identity Center by resource type and outcome")
                .tag("type", claim.type().wireName()).tag("outcome", outcome).register(metrics).increment();
    }
}
