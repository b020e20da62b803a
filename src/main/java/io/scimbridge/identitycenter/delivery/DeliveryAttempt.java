package io.scimbridge.identitycenter.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scimbridge.correlation.CorrelationId;
import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.identitycenter.client.Circuit;
import io.scimbridge.identitycenter.client.IdentityCenterException;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.pacing.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One claimed delivery and what its outcome means for the dirty mark: cleared when delivered,
 * postponed while members are awaited or the guard holds a removal, retried later when Identity
 * Center throttles, backed off on failure (dead-lettered when it is permanent or attempts ran
 * out). Owns the circuit's view for the loop: whether Identity Center is down, and what is due
 * once it answers again. {@link DeliveryLoop} decides when and how many.
 */
@ApplicationScoped
public class DeliveryAttempt {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempt.class);

    private final Delivery delivery;
    private final OutboxQueue queue;
    private final IdentityCenterConfig config;
    private final MeterRegistry metrics;
    private final Circuit circuit;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** Outages seen ended (Circuit#recoveries), by the loop thread only. */
    private long outagesEnded;

    public DeliveryAttempt(Delivery delivery, OutboxQueue queue, IdentityCenterConfig config, MeterRegistry metrics,
                           Circuit circuit) {
        this.delivery = delivery;
        this.queue = queue;
        this.config = config;
        this.metrics = metrics;
        this.circuit = circuit;
    }

    /** How long delivery stays paused because Identity Center is down (the circuit is open). */
    Optional<Duration> pausedFor() {
        return circuit.openFor();
    }

    /**
     * Delivers under the correlation id of the change that marked the resource, so the delivery's
     * log lines and its calls to Identity Center can be traced back to the IdP's request. True when
     * the resource was delivered and its mark is to be cleared: the loop clears it together with
     * its next claims ({@link OutboxQueue#settleAndClaim}), one write to the store instead of two.
     */
    boolean deliver(OutboxQueue.Claim claim) {
        return CorrelationId.callWith(claim.correlationId(), () -> deliverNow(claim));
    }

    private boolean deliverNow(OutboxQueue.Claim claim) {
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
                count(claim, "delivered");
                return true;
            }
        } catch (IdentityCenterException e) {
            if (e.throttled()) {
                // "slow down", not a failure: the shared rate limiter already paused every worker
                Duration delay = e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(1);
                queue.retryLater(claim, e.getMessage(), delay);
                count(claim, "throttled");
                LOG.debugf("Delivery of %s %s throttled, retry in %s", claim.type().wireName(), claim.resourceId(), delay);
                return false;
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
        return false;
    }

    /** After an outage the marks that backed off during it are due at once (level-triggered: nothing to replay). */
    void catchUpAfterOutage() {
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
        // kept: registering looks the meter up by its sorted tags, once per delivery otherwise
        counters.computeIfAbsent(claim.type().wireName() + "/" + outcome, k -> Counter.builder("bridge.deliveries")
                .description("Deliveries to Identity Center by resource type and outcome")
                .tag("type", claim.type().wireName()).tag("outcome", outcome).register(metrics)).increment();
    }
}
