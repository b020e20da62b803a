package io.scimbridge.identitycenter.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.identitycenter.outbox.DeliveryWakeUp;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.store.Background;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Drains the dirty marks: claims due marks (leases, so replicas share the work), runs up to
 * {@code workers} deliveries at once ({@link DeliveryAttempt} delivers each), and pauses while
 * Identity Center is down. Woken at once by commits that mark something dirty; polls as a safety
 * net.
 *
 * <p>The store has one writer, which the IdP's requests wait for, so delivery is
 * {@link Background} work (the IdP's writes go first, for a bounded time) and the loop writes
 * little: the marks of delivered resources are cleared in the transaction that claims the next
 * ones, and while deliveries run it claims only once half the workers are free, a few marks per
 * transaction rather than one. A delivered resource stays in flight (its lease renewed) until its
 * mark is cleared.
 */
@ApplicationScoped
public class DeliveryLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class);
    private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(5);

    private final OutboxQueue queue;
    private final DeliveryAttempt attempts;
    private final DeliveryWakeUp wakeUp;
    private final IdentityCenterConfig config;
    private final boolean enabled;
    private final Semaphore free;
    private final int size;
    private final int batch;
    private final java.util.Set<OutboxQueue.Claim> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Delivered by a worker, mark not yet cleared. */
    private final java.util.Queue<OutboxQueue.Claim> delivered = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private ExecutorService workers;
    private java.util.concurrent.ScheduledExecutorService renewals;
    private Thread loop;
    private volatile boolean running;

    public DeliveryLoop(OutboxQueue queue, DeliveryAttempt attempts, DeliveryWakeUp wakeUp, IdentityCenterConfig config,
                        DeliveryConfig deliveryConfig) {
        this.queue = queue;
        this.attempts = attempts;
        this.wakeUp = wakeUp;
        this.config = config;
        this.enabled = deliveryConfig.enabled();
        this.size = Math.max(1, config.workers());
        this.free = new Semaphore(size);
        this.batch = Math.max(1, size / 2);
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

    /**
     * Lets the deliveries in flight finish (a few seconds at most) while the store is still open;
     * without the wait they failed half-way on a closed EntityManagerFactory. One that does not
     * finish in time is taken over when its lease runs out, as after a crash.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.wake();
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(SHUTDOWN_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    LOG.infof("%d delivery(ies) still running at shutdown; their leases hand them over", inFlight.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            settleAndClaim(0);
        } catch (RuntimeException e) {
            // their next delivery finds nothing to send
            LOG.debugf("Delivered marks not cleared at shutdown: %s", e.toString());
        }
        if (renewals != null) {
            renewals.shutdown();
        }
    }

    private void run() {
        while (running) {
            try {
                attempts.catchUpAfterOutage();
                var open = attempts.pausedFor();
                if (open.isPresent()) {
                    // Identity Center is down: no claims, so no retries are burnt; then one probe.
                    wakeUp.await(Math.min(open.get().toMillis() + 1, config.pollInterval().toMillis()));
                    continue;
                }
                int capacity = free.availablePermits();
                if (capacity < batch) {
                    // deliveries running and fewer than half the workers free: claim more later, together
                    wakeUp.await(config.pollInterval().toMillis());
                    continue;
                }
                List<OutboxQueue.Claim> claims = settleAndClaim(capacity);
                for (OutboxQueue.Claim claim : claims) {
                    free.acquire();
                    workers.submit(() -> deliverInWorker(claim));
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

    private void deliverInWorker(OutboxQueue.Claim claim) {
        boolean done = false;
        try {
            done = Background.call(() -> attempts.deliver(claim));
        } finally {
            if (done) {
                delivered.add(claim);
            } else {
                inFlight.remove(claim);
            }
            free.release();
            wakeUp.wake();
        }
    }

    /**
     * Clears the delivered marks and claims up to {@code capacity} more, registering the claims as
     * in flight in the same step, so that {@link #idle()} never misses one.
     */
    private List<OutboxQueue.Claim> settleAndClaim(int capacity) {
        synchronized (inFlight) {
            List<OutboxQueue.Claim> settled = new java.util.ArrayList<>(delivered);
            List<OutboxQueue.Claim> claims = Background.call(() -> queue.settleAndClaim(settled, capacity));
            settled.forEach(delivered::remove);
            settled.forEach(inFlight::remove);
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

}
