package io.scimbridge.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per source: each holds up to {@code burst} tokens and refills at
 * {@code requestsPerSecond}; a request takes one token or is refused with the whole seconds to
 * wait until one is back. A rate of 0 (or less) disables the limit.
 */
@ApplicationScoped
class SourceRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    SourceRateLimiter(ScimConfig config) {
        this(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(), System::nanoTime);
    }

    SourceRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = requestsPerSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.nanoClock = nanoClock;
    }

    boolean enabled() {
        return ratePerNano > 0;
    }

    /** 0 if the request may go ahead (a token was taken), else the seconds to wait (at least 1). */
    long acquire(String source) {
        if (!enabled()) {
            return 0;
        }
        Bucket bucket = buckets.computeIfAbsent(source == null ? "" : source, s -> new Bucket(burst, nanoClock.getAsLong()));
        synchronized (bucket) {
            long now = nanoClock.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double nanosToWait = (1 - bucket.tokens) / ratePerNano;
            return Math.max(1, (long) Math.ceil(nanosToWait / 1e9));
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
