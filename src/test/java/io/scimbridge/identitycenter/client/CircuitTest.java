package io.scimbridge.identitycenter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The circuit opens after an outage's failures in a row, doubles its pause, and closes on an answer. */
class CircuitTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void anOutageOpensTheCircuitWithGrowingPausesAndAnAnswerClosesIt() {
        Circuit circuit = new Circuit(3, Duration.ofSeconds(5), Duration.ofSeconds(12), clock);
        circuit.failed();
        circuit.failed();
        assertEquals(Optional.empty(), circuit.openFor(), "two failures: still closed");
        circuit.failed();
        assertEquals(Optional.of(Duration.ofSeconds(5)), circuit.openFor());

        now = now.plusSeconds(5);
        assertEquals(Optional.empty(), circuit.openFor(), "half-open: one probe may go");
        circuit.failed();
        assertEquals(Optional.of(Duration.ofSeconds(10)), circuit.openFor(), "the probe failed: twice as long");
        now = now.plusSeconds(10);
        circuit.failed();
        assertEquals(Optional.of(Duration.ofSeconds(12)), circuit.openFor(), "capped");

        now = now.plusSeconds(12);
        circuit.answered();
        circuit.failed();
        assertTrue(circuit.openFor().isEmpty(), "an answer closed it and reset the count");
    }

    @Test
    void callsInFlightFailingAfterTheCircuitOpenedDoNotLengthenThePause() {
        Circuit circuit = new Circuit(2, Duration.ofSeconds(5), Duration.ofSeconds(120), clock);
        circuit.failed();
        circuit.failed();
        circuit.failed(); // four workers were calling when Identity Center went down
        circuit.failed();
        assertEquals(Optional.of(Duration.ofSeconds(5)), circuit.openFor());
        now = now.plusSeconds(5);
        circuit.failed(); // the probe
        circuit.failed();
        assertEquals(Optional.of(Duration.ofSeconds(10)), circuit.openFor(), "doubled once per failed probe, not per call");
    }

    @Test
    void anAnswerAfterTheCircuitOpenedEndsAnOutageOnce() {
        Circuit circuit = new Circuit(2, Duration.ofSeconds(5), Duration.ofSeconds(60), clock);
        circuit.failed();
        circuit.answered();
        assertEquals(0, circuit.recoveries(), "a failure without the circuit opening is no outage");
        circuit.failed();
        circuit.failed();
        now = now.plusSeconds(5);
        circuit.answered();
        assertEquals(1, circuit.recoveries(), "the probe's answer ends the outage");
        circuit.answered();
        assertEquals(1, circuit.recoveries(), "further answers end nothing");
    }

    @Test
    void refusalsAreAnswersButNotOutages() {
        Circuit circuit = new Circuit(2, Duration.ofSeconds(5), Duration.ofSeconds(60), clock);
        circuit.failed();
        circuit.answered(); // a 400: Identity Center is up
        circuit.failed();
        assertTrue(circuit.openFor().isEmpty());
    }
}
