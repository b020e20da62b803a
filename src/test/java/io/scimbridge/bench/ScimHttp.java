package io.scimbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An IdP's HTTP/1.1 connection pool to one SCIM server: every request is timed into {@link Latencies}
 * under its operation name, and every answer that is not 2xx (or no answer) is kept as a failure.
 */
final class ScimHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Failure(String operation, String method, String path, int status, String body) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String base;
    private final String token;
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();
    private volatile Latencies latencies = new Latencies();

    ScimHttp(String base, String token) {
        this.base = base;
        this.token = token;
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/scim+json").header("Accept", "application/scim+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        long start = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            latencies.record(operation, System.nanoTime() - start);
            failures.add(new Failure(operation, method, path, 0, String.valueOf(e)));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        latencies.record(operation, System.nanoTime() - start);
        answered.increment();
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            String text = r.body() == null ? "" : r.body();
            failures.add(new Failure(operation, method, path, r.statusCode(), text.substring(0, Math.min(300, text.length()))));
            return null;
        }
        try {
            return r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            failures.add(new Failure(operation, method, path, r.statusCode(), "unparseable body: " + e));
            return null;
        }
    }
}
