package io.scimbridge.pacing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before another try: {@code first} after the first failure, doubling with each
 * failure after it, never more than {@code max}. With {@code jitter}, a wait is anywhere between
 * half and all of that ("equal jitter"), so that callers that failed together (delivery workers,
 * an apply's requests) do not all come back at the same moment; without it, the wait is exact,
 * for a single caller whose pause is shown to operators (the circuit, a revocation run).
 * Plain Java: every retry in the bridge goes through this one rule.
 */
public record Backoff(Duration first, Duration max, boolean jitter) {

    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off from " + first + " up to " + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    public Duration after(int failures) {
        long firstNanos = first.toNanos();
        long maxNanos = max.toNanos();
        int doublings = Math.min(Math.max(failures, 1) - 1, 62);
        long nanos = doublings >= Long.numberOfLeadingZeros(Math.max(firstNanos, 1)) - 1
                ? maxNanos : Math.min(firstNanos << doublings, maxNanos);
        if (jitter && nanos > 1) {
            nanos = nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1);
        }
        return Duration.ofNanos(nanos);
    }
}
