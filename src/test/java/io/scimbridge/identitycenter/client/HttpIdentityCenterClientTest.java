package io.scimbridge.identitycenter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.pacing.Pacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The HTTP client against the emulator, for what the scenarios cannot see: its metrics. */
class HttpIdentityCenterClientTest {

    @Test
    void identityCenterLatencyLeavesOutTheWaitForTheRateLimiter() {
        try (IdentityCenterScimEmulator emulator = IdentityCenterScimEmulator.start()) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            Pacer limiter = new Pacer(0, Clock.systemUTC());
            HttpIdentityCenterClient client = new HttpIdentityCenterClient(emulator.url(), emulator::token,
                    Duration.ofSeconds(5), limiter, metrics, Clock.systemUTC());
            limiter.pauseUntil(Instant.now().plusMillis(1500)); // as after a 429 with Retry-After

            long start = System.nanoTime();
            assertEquals(Optional.empty(), client.findUserId("nobody@contoso.com"));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            Timer latency = metrics.get("identity_center.requests").tag("operation", "find_user").tag("status", "200").timer();
            assertEquals(1, latency.count());
            assertTrue(elapsed >= 1400, "the call waited for the pause: " + elapsed + " ms");
            assertTrue(latency.max(TimeUnit.MILLISECONDS) < 1000,
                    "but Identity Center answered at once: " + latency.max(TimeUnit.MILLISECONDS) + " ms recorded");
        }
    }
}
