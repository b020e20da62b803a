package io.scimbridge.pacing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client-side limit, and Identity Center's 429 pauses shared by every worker. */
class PacerTest {

    @Test
    void callsAreSpacedToTheConfiguredRate() throws InterruptedException {
        Pacer limiter = new Pacer(10, Clock.systemUTC());
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 390, "5 calls at 10/s take at least 400 ms: " + millis);
    }

    @Test
    void aPauseExtendedWhileAWorkerWaitsHoldsThatWorkerBackToo() throws InterruptedException {
        Pacer limiter = new Pacer(0, Clock.systemUTC());
        Instant start = Instant.now();
        limiter.pauseUntil(start.plusMillis(300));
        AtomicReference<Instant> released = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                limiter.acquire();
                released.set(Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> worker.getState() == Thread.State.TIMED_WAITING);
        limiter.pauseUntil(start.plusMillis(1200)); // another worker's request was answered 429 meanwhile
        worker.join(5_000);
        assertTrue(!released.get().isBefore(start.plusMillis(1200)),
                "released " + Duration.between(start, released.get()).toMillis() + " ms after the first pause began");
    }
}
