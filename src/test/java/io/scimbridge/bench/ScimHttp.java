package io.scimbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.testing.idp.Json;
import io.scimbridge.testing.idp.ScimOverHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * An IdP's HTTP/1.1 connection pool to one SCIM server ({@link KeptAliveHttp1}): every request is
 * timed into {@link Latencies} under its operation name, and every answer that is not 2xx (or no
 * answer) is kept as a failure.
 */
final class ScimHttp {

    static final ObjectMapper JSON = Json.MAPPER;

    record Failure(String operation, String method, String path, int status, String body) {}

    private final KeptAliveHttp1 http;
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final LongAdder answered = new LongAdder();
    private volatile Latencies latencies = new Latencies();

    ScimHttp(String base, String token) {
        this.http = new KeptAliveHttp1(base, token == null ? null : "Bearer " + token, Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /** Starts a fresh set of samples (one per phase) and returns it. */
    Latencies newPhase() {
        latencies = new Latencies();
        return latencies;
    }

    /** Requests that got an answer, whatever its status. */
    long requestsAnswered() {
        return answered.sum();
    }

    List<Failure> failures() {
        return failures;
    }

    /** The parsed body of a 2xx answer (null when empty), or null after recording a failure. */
    JsonNode send(String operation, String method, String path, String body) {
        long start = System.nanoTime();
        ScimOverHttp.Answer r;
        try {
            r = http.send(method, path, body);
        } catch (IOException e) {
            latencies.record(operation, System.nanoTime() - start);
            failures.add(new Failure(operation, method, path, 0, String.valueOf(e)));
            return null;
        }
        latencies.record(operation, System.nanoTime() - start);
        answered.increment();
        if (!r.is2xx()) {
            String text = r.text();
            failures.add(new Failure(operation, method, path, r.status(), text.substring(0, Math.min(300, text.length()))));
            return null;
        }
        try {
            return r.text().isBlank() ? JSON.nullNode() : JSON.readTree(r.text());
        } catch (IOException e) {
            failures.add(new Failure(operation, method, path, r.status(), "unparseable body: " + e));
            return null;
        }
    }
}
