package io.scimbridge.api;

import io.scimbridge.pacing.TokenBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;

/**
 * A token bucket per source: each holds up to {@code burst} tokens and refills at
 * {@code requestsPerSecond}; a request takes one token or is refused with the whole seconds to
 * wait until one is back. A rate of 0 (or less) disables the limit.
 */
@ApplicationScoped
class SourceRateLimiter {

    /** Sources are named by verified tokens, so few; the bound only guards the map. */
    private static final int MAX_SOURCES = 10_000;

    private final TokenBuckets buckets;

    @Inject
    SourceRateLimiter(ScimConfig config) {
        this(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(), System::nanoTime);
    }

    SourceRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoClock) {
        this.buckets = new TokenBuckets(requestsPerSecond, burst, nanoClock, MAX_SOURCES);
    }

    boolean enabled() {
        return buckets.enabled();
    }

    /** 0 if the request may go ahead (a token was taken), else the seconds to wait (at least 1). */
    long acquire(String source) {
        return buckets.acquire(source);
    }
}
