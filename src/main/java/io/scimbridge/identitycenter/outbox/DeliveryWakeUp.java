package io.scimbridge.identitycenter.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the delivery loop as soon as a transaction that marked something dirty commits, so a
 * leaver's deactivation leaves within milliseconds instead of at the next poll. The poll stays
 * as the safety net (other replicas' marks, retries that came due).
 */
@ApplicationScoped
public class DeliveryWakeUp {

    private final Semaphore signal = new Semaphore(0);
    private final TransactionSynchronizationRegistry registry;

    public DeliveryWakeUp(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    void afterCommit() {
        if (registry.getTransactionKey() == null) {
            wake();
            return;
        }
        if (registry.getResource(DeliveryWakeUp.class) != null) {
            return; // one wake-up per transaction is enough
        }
        registry.putResource(DeliveryWakeUp.class, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Waits for a wake-up or the timeout, whichever first. */
    public boolean await(long millis) throws InterruptedException {
        boolean woken = signal.tryAcquire(millis, TimeUnit.MILLISECONDS);
        signal.drainPermits();
        return woken;
    }
}
