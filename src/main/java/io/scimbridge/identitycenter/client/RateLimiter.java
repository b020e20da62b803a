package io.scimbridge.identitycenter.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spaces calls to at most {@code perSecond} across all workers, and holds every caller back
 * while Identity Center has asked us to (429 Retry-After): one throttled answer slows the whole
 * bridge down, instead of each worker discovering the limit on its own (the 429 storms other
 * tools run into).
 */
public final class RateLimiter {

    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private long nextFreeNanos;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private final Clock clock;

    public RateLimiter(double perSecond, Clock clock) {
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
