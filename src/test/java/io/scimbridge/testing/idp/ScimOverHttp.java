package io.scimbridge.testing.idp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An IdP's plain HTTP/1.1 connection to a SCIM server, for a bridge running as a separate process
 * (*IT, benchmarks) and for requests sent from many threads at once (REST Assured's Groovy runtime
 * can deadlock in class initialisation when first used from several threads). Inside a
 * {@code @QuarkusTest}, {@link ScimClient} is the usual transport. One request is one answer: what
 * to do about failures (retry, count, time) is the caller's business.
 */
public final class ScimOverHttp {

    public static final String SCIM_JSON = "application/scim+json";

    /** An answer: status, body text (never null), and the headers the callers look at. */
    public record Answer(int status, String text, String contentType, String retryAfter, Duration took) {

        public boolean is2xx() {
            return status / 100 == 2;
        }

        /** The parsed body, or null when it is empty or not JSON. */
        public JsonNode body() {
            if (text.isBlank()) {
                return null;
            }
            try {
                return Json.MAPPER.readTree(text);
            } catch (IOException e) {
                return null;
            }
        }
    }

    private final HttpClient http;
    private final String base;
    private final Map<String, String> headers;
    private final Duration requestTimeout;

    /**
     * @param base          scheme, host and port, e.g. {@code http://localhost:8081}
     * @param authorization the Authorization header value, or null to send none
     * @param userAgent     the User-Agent header value, or null for the JDK's
     */
    public ScimOverHttp(String base, String authorization, String userAgent, Duration connectTimeout,
            Duration requestTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.base = base;
        Map<String, String> h = new java.util.LinkedHashMap<>();
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        if (userAgent != null) {
            h.put("User-Agent", userAgent);
        }
        this.headers = Map.copyOf(h);
        this.requestTimeout = requestTimeout;
    }

    /** Sends one request; {@code body} null for none. An unanswered request throws IOException. */
    public Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .header("Accept", SCIM_JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", SCIM_JSON);
        }
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Answer(r.statusCode(), r.body() == null ? "" : r.body(),
                r.headers().firstValue("Content-Type").orElse(null), r.headers().firstValue("Retry-After").orElse(null),
                took);
    }

    /** {@code /scim/v2/Users?filter=userName eq "x"}, encoded: every IdP's existence check. */
    public static String filterPath(String resourcePath, String attribute, String value) {
        return resourcePath + "?filter=" + encode(attribute + " eq \"" + value + "\"");
    }

    /** Query encoding with %20 for spaces, as the IdPs send it. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
