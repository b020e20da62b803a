package io.scimbridge.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spaces calls to a downstream service to at most {@code perSecond} across all its callers, and
 * holds every caller back while the service has asked us to (Identity Center's 429 Retry-After):
 * one throttled answer slows the whole bridge down, instead of each worker discovering the limit
 * on its own (the 429 storms other tools run into). The one pacing mechanism of the bridge's
 * outgoing calls (Identity Center's SCIM API, IAM and STS, SSO Admin's assignment calls); what
 * comes in is limited by {@link TokenBuckets}, which refuses rather than waits.
 */
public final class Pacer {

    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private long nextFreeNanos;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private final Clock clock;

    public Pacer(double perSecond, Clock clock) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.clock = clock;
        this.nextFreeNanos = System.nanoTime();
    }

    /** Blocks until this caller may send one request. */
    public void acquire() throws InterruptedException {
        // Checked again after each sleep: another worker's 429 may have pushed the pause further
        // while this one waited, and sending then would only earn another 429.
        Duration pause = Duration.between(clock.instant(), pausedUntil);
        while (!pause.isNegative() && !pause.isZero()) {
            Thread.sleep(pause.toMillis() + 1);
            pause = Duration.between(clock.instant(), pausedUntil);
        }
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        lock.lock();
        try {
            long now = System.nanoTime();
            long slot = Math.max(now, nextFreeNanos);
            nextFreeNanos = slot + intervalNanos;
            wait = slot - now;
        } finally {
            lock.unlock();
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Identity Center said 429: nobody sends before {@code until}. */
    public void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    public Instant pausedUntil() {
        return pausedUntil;
    }
}
