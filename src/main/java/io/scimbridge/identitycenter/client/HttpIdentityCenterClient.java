package io.scimbridge.identitycenter.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scimbridge.correlation.CorrelationId;
import io.scimbridge.pacing.Pacer;
import io.scimbridge.scim.schema.ScimSchemas;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Identity Center's SCIM API over HTTP: bearer token, rate limit, 429 handling and error
 * translation at this boundary. Messages carry Identity Center's own detail, never the token.
 * Each call carries the delivery's correlation id as {@code X-Request-Id} (Identity Center
 * ignores the header; it is what ties the call to the IdP's request in our logs and in a
 * proxy's) and is logged with it: at debug when answered as expected, at warn when it failed.
 */
public final class HttpIdentityCenterClient implements IdentityCenterClient {

    private static final Logger LOG = Logger.getLogger(HttpIdentityCenterClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private final String baseUrl;
    private final Supplier<String> token;
    private final Duration timeout;
    private final Pacer limiter;
    private final HttpClient http;
    private final MeterRegistry metrics;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Clock clock;

    private final Circuit circuit;

    public HttpIdentityCenterClient(String baseUrl, Supplier<String> token, Duration timeout, Pacer limiter,
                                    MeterRegistry metrics, Clock clock) {
        this(baseUrl, token, timeout, limiter, metrics, clock, new Circuit(Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO, clock));
    }

    public HttpIdentityCenterClient(String baseUrl, Supplier<String> token, Duration timeout, Pacer limiter,
                                    MeterRegistry metrics, Clock clock, Circuit circuit) {
        this.circuit = circuit;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public String createUser(ObjectNode user) {
        return send("create_user", "POST", "/Users", user).path("id").asText();
    }

    @Override
    public void replaceUser(String icId, ObjectNode user) {
        send("replace_user", "PUT", "/Users/" + icId, user);
    }

    @Override
    public void deleteUser(String icId) {
        deleteIgnoringMissing("delete_user", "/Users/" + icId);
    }

    @Override
    public Optional<String> findUserId(String userName) {
        return first(send("find_user", "GET", "/Users?filter=" + eq("userName", userName), null));
    }

    @Override
    public String createGroup(ObjectNode group) {
        return send("create_group", "POST", "/Groups", group).path("id").asText();
    }

    @Override
    public void patchGroup(String icId, List<ObjectNode> operations) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(ScimSchemas.PATCH_OP);
        body.putArray("Operations").addAll(operations);
        send("patch_group", "PATCH", "/Groups/" + icId, body);
    }

    @Override
    public void deleteGroup(String icId) {
        deleteIgnoringMissing("delete_group", "/Groups/" + icId);
    }

    @Override
    public boolean groupExists(String icId) {
        try {
            send("get_group", "GET", "/Groups/" + icId, null);
            return true;
        } catch (IdentityCenterException e) {
            if (!e.notFound()) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public Optional<String> findGroupId(String displayName) {
        return first(send("find_group", "GET", "/Groups?filter=" + eq("displayName", displayName), null));
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    private void deleteIgnoringMissing(String operation, String path) {
        try {
            send(operation, "DELETE", path, null);
        } catch (IdentityCenterException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    private static Optional<String> first(JsonNode list) {
        JsonNode resources = list.path("Resources");
        return resources.isArray() && !resources.isEmpty()
                ? Optional.of(resources.get(0).path("id").asText()) : Optional.empty();
    }

    /** {@code attr eq "value"} with the value as a JSON string, URL-encoded. */
    private static String eq(String attribute, String value) {
        try {
            return URLEncoder.encode(attribute + " eq " + JSON.writeValueAsString(value), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String operation, String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/scim+json, application/json");
        CorrelationId.current().ifPresent(id -> request.header(CorrelationId.HEADER, id));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityCenterException(0, "interrupted", null);
        }
        // Timed from here: the wait for the rate limiter or a 429 pause is the bridge's own
        // queueing, not Identity Center's latency.
        long start = System.nanoTime();
        String outcome = "error";
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            outcome = Integer.toString(status);
            if (status >= 500) {
                circuit.failed();
            } else if (status != 429) {
                circuit.answered();
            }
            if (status >= 200 && status < 300) {
                String text = response.body();
                return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            }
            Duration retryAfter = retryAfter(response);
            if (status == 429) {
                limiter.pauseUntil(clock.instant().plus(retryAfter != null ? retryAfter : Duration.ofSeconds(1)));
            }
            throw new IdentityCenterException(status, method + " " + stripQuery(path) + " answered " + status + ": "
                    + detail(response.body()), retryAfter);
        } catch (IOException e) {
            outcome = "no_answer";
            circuit.failed();
            throw new IdentityCenterException(0, method + " " + stripQuery(path) + " got no answer: "
                    + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            outcome = "interrupted";
            Thread.currentThread().interrupt();
            throw new IdentityCenterException(0, "interrupted", null);
        } finally {
            long nanos = System.nanoTime() - start;
            timer(operation, outcome).record(nanos, TimeUnit.NANOSECONDS);
            logCall(method, path, outcome, nanos);
        }
    }

    /** Kept per label pair: registering looks the meter up by its sorted tags, once per call otherwise. */
    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + " " + outcome, k -> Timer.builder("identity_center.requests")
                .description("Calls to Identity Center's SCIM API")
                .tag("operation", operation).tag("status", outcome).register(metrics));
    }

    /**
     * Debug for answers delivery expects (2xx; 404 "already gone", 409 "adopt", 429 "slow down",
     * all handled), warn for the rest. The correlation id is in the MDC; the query (a userName) is not logged.
     */
    private static void logCall(String method, String path, String outcome, long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        boolean expected = outcome.startsWith("2") || outcome.equals("404") || outcome.equals("409")
                || outcome.equals("429") || outcome.equals("interrupted");
        if (expected) {
            LOG.debugf("Identity Center %s %s: %s in %d ms", method, stripQuery(path), outcome, millis);
        } else {
            LOG.warnf("Identity Center %s %s failed: %s in %d ms", method, stripQuery(path), outcome, millis);
        }
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** Identity Center's SCIM error detail, trimmed. */
    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode node = JSON.readTree(body);
            String detail = node.path("detail").asText(node.path("message").asText(body));
            return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
        } catch (IOException e) {
            return body.length() > MAX_DETAIL ? body.substring(0, MAX_DETAIL) + "..." : body;
        }
    }
}
