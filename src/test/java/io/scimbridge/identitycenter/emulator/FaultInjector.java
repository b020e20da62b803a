package io.scimbridge.identitycenter.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides, request by request, whether an emulator misbehaves the way AWS does under load or during
 * an incident, so that the bridge's back-off, retry and circuit-breaker paths can be tested without
 * sleeping for luck. One instance per emulator; every method is thread-safe.
 *
 * <p>Precedence when several faults are armed: outage, then dropped connections, then failures,
 * then throttling, then the rate limit.
 */
public final class FaultInjector {

    /** What the emulator does with one request. */
    public sealed interface Fault {
        /** Answer normally. */
        record None() implements Fault {}

        /** Answer 503, as during a regional incident. */
        record Outage() implements Fault {}

        /** Close the socket without any answer. */
        record Drop() implements Fault {}

        /** Answer with this 5xx status. */
        record Fail(int status) implements Fault {}

        /** Answer 429 ThrottlingException (SCIM) or ThrottlingException (AWS JSON), with Retry-After. */
        record Throttle(Duration retryAfter) implements Fault {}
    }

    private static final Fault NONE = new Fault.None();
    private static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(1);

    private int throttleRemaining;
    private Duration throttleRetryAfter = Duration.ofSeconds(1);
    private int failRemaining;
    private int failStatus = 500;
    private int dropRemaining;
    private Duration delay = Duration.ZERO;
    private boolean outage;
    private TokenBucket rateLimit;

    /** The next {@code n} requests are throttled; {@code retryAfter} goes into the Retry-After header. */
    public synchronized void throttleNext(int n, Duration retryAfter) {
        throttleRemaining = requireCount(n);
        throttleRetryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The next {@code n} requests fail with {@code status} (a 5xx, such as 500 or 503). */
    public synchronized void failNext(int n, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("failNext takes a 5xx status, got " + status);
        }
        failRemaining = requireCount(n);
        failStatus = status;
    }

    /** The next {@code n} connections are closed without an answer (the client sees a reset/EOF). */
    public synchronized void dropNextConnections(int n) {
        dropRemaining = requireCount(n);
    }

    /** Every answer is delayed by {@code delay} (Duration.ZERO switches it off). */
    public synchronized void delayResponses(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        this.delay = delay;
    }

    /**
     * Token bucket admitting {@code requestsPerSecond} on average and bursts of at most one second
     * of traffic; excess requests are throttled. Zero or less switches it off (the default). AWS
     * documents about 20 TPS shared by the Identity Center APIs.
     */
    public synchronized void setRateLimit(double requestsPerSecond) {
        rateLimit = requestsPerSecond > 0 ? new TokenBucket(requestsPerSecond, System.nanoTime()) : null;
    }

    /** While on, every request is answered 503. */
    public synchronized void outage(boolean on) {
        outage = on;
    }

    /** Disarms every fault. */
    public synchronized void reset() {
        throttleRemaining = 0;
        failRemaining = 0;
        dropRemaining = 0;
        delay = Duration.ZERO;
        outage = false;
        rateLimit = null;
    }

    /** The delay to apply before answering. */
    public synchronized Duration delay() {
        return delay;
    }

    /** Consumes and returns the fault for the request being handled now. */
    public synchronized Fault next() {
        if (outage) {
            return new Fault.Outage();
        }
        if (dropRemaining > 0) {
            dropRemaining--;
            return new Fault.Drop();
        }
        if (failRemaining > 0) {
            failRemaining--;
            return new Fault.Fail(failStatus);
        }
        if (throttleRemaining > 0) {
            throttleRemaining--;
            return new Fault.Throttle(throttleRetryAfter);
        }
        if (rateLimit != null && !rateLimit.tryTake(System.nanoTime())) {
            return new Fault.Throttle(RATE_LIMIT_RETRY_AFTER);
        }
        return NONE;
    }

    private static int requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        return n;
    }

    /** Capacity = one second of traffic, so a burst above the rate is refused right away. */
    private static final class TokenBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long lastNanos;

        TokenBucket(double perSecond, long now) {
            this.perNano = perSecond / 1_000_000_000d;
            this.capacity = Math.max(1d, perSecond);
            this.tokens = capacity;
            this.lastNanos = now;
        }

        boolean tryTake(long now) {
            tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano);
            lastNanos = now;
            if (tokens < 1d) {
                return false;
            }
            tokens -= 1d;
            return true;
        }
    }
}
