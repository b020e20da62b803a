package io.scimbridge.identitycenter.client;

import io.scimbridge.pacing.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The circuit in front of Identity Center: after {@code threshold} calls in a row got no answer or
 * a 5xx, delivery pauses for a cool-down (doubling up to {@code maxOpen}) instead of burning every
 * dirty mark's retries against an outage; then one delivery probes, and a success closes it.
 * Refusals (4xx) are answers: Identity Center is up. 429 is the rate limiter's business.
 */
public final class Circuit {

    private final int threshold;
    private final Backoff coolDown;
    private final Clock clock;
    private int failures;
    /** How many times in a row it opened without an answer in between. */
    private int opened;
    private Instant openUntil = Instant.EPOCH;
    private long recoveries;

    public Circuit(int threshold, Duration baseOpen, Duration maxOpen, Clock clock) {
        this.threshold = Math.max(1, threshold);
        this.coolDown = new Backoff(baseOpen, maxOpen, false);
        this.clock = clock;
    }

    /** Identity Center answered (2xx or a refusal): it is up. */
    public synchronized void answered() {
        if (opened > 0) {
            recoveries++; // it had opened: this answer ends an outage
        }
        failures = 0;
        opened = 0;
        openUntil = Instant.EPOCH;
    }

    /** No answer, or a 5xx. */
    public synchronized void failed() {
        if (clock.instant().isBefore(openUntil)) {
            // already open: the other workers' calls in flight failing too tell nothing new; counting
            // them doubled the pause once per worker, so a short outage left delivery paused for minutes
            return;
        }
        failures++;
        if (failures >= threshold) {
            openUntil = clock.instant().plus(coolDown.after(++opened));
            failures = threshold - 1; // the probe's failure re-opens at once
        }
    }

    /** How many outages have ended (the circuit had opened, then Identity Center answered). */
    public synchronized long recoveries() {
        return recoveries;
    }

    /** How long delivery stays paused, if the circuit is open. */
    public synchronized Optional<Duration> openFor() {
        Duration left = Duration.between(clock.instant(), openUntil);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }
}
