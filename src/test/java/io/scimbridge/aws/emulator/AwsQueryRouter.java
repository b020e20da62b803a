package io.scimbridge.aws.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.scimbridge.identitycenter.emulator.FaultInjector;
import io.scimbridge.identitycenter.emulator.HttpIo;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import io.scimbridge.identitycenter.emulator.RequestLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Front door of the query-protocol emulators (IAM, STS): {@code POST /},
 * {@code Content-Type: application/x-www-form-urlencoded}, {@code Action} and {@code Version} in
 * the body, answered {@code text/xml}. The service is the one the SigV4 credential scope names
 * (the SDK signs IAM requests for "iam", STS for "sts"), and the caller is the scope's access key
 * id: that is how the IAM emulator knows which account a session assumed by STS belongs to.
 * SigV4 is not verified cryptographically.
 */
final class AwsQueryRouter implements HttpHandler {

    static final String CONTENT_TYPE = "application/x-www-form-urlencoded";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/[^/]+/[^/]+/([^/]+)/aws4_request");

    private record Mounted(AwsQueryService service, FaultInjector faults, RequestLog log) {
    }

    private final Map<String, Mounted> services = new ConcurrentHashMap<>();

    void mount(AwsQueryService service, FaultInjector faults, RequestLog log) {
        services.put(service.signingName(), new Mounted(service, faults, log));
    }

    /** Whether this request is for a query-protocol service (form-encoded body). */
    static boolean accepts(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        return contentType != null && contentType.startsWith(CONTENT_TYPE);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            Matcher credential = CREDENTIAL.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Mounted route = credential.find() ? services.get(credential.group(2)) : null;
            if (route == null) {
                send(exchange, 403, "https://sts.amazonaws.com/doc/2011-06-15/", requestId,
                        new AwsQueryError("MissingAuthenticationToken", 403,
                                "Request must be signed with AWS4-HMAC-SHA256 for a mounted service (iam, sts)"));
                return;
            }
            Map<String, String> params = HttpIo.query(new String(HttpIo.readBody(exchange), StandardCharsets.UTF_8));
            String action = params.getOrDefault("Action", "Unknown");
            AwsQueryService service = route.service();
            try {
                if (!method.equals("POST") || !path.equals("/")) {
                    throw new AwsQueryError("InvalidAction", 400, "the query protocol expects POST /");
                }
                if (!service.version().equals(params.get("Version"))) {
                    throw new AwsQueryError("InvalidAction", 400, "Version must be " + service.version());
                }
                switch (route.faults().next()) {
                    case FaultInjector.Fault.Throttle t -> throw AwsQueryError.throttling();
                    case FaultInjector.Fault.Fail f -> throw new AwsQueryError("ServiceFailure", f.status(), "injected failure");
                    case FaultInjector.Fault.Outage o -> throw new AwsQueryError("ServiceUnavailable", 503, "Service is unavailable");
                    default -> {
                        // None answers normally; a dropped connection is an AWS JSON emulator fault only
                    }
                }
                String result = service.invoke(action, params, credential.group(1));
                String body = "<" + action + "Response xmlns=\"" + service.namespace() + "\">"
                        + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
                        + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></"
                        + action + "Response>";
                route.log().record(new RecordedRequest(Instant.now(), method, path, null, action, 200, null));
                exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
                HttpIo.send(exchange, 200, "text/xml", body.getBytes(StandardCharsets.UTF_8));
            } catch (AwsQueryError error) {
                route.log().record(new RecordedRequest(Instant.now(), method, path, null, action, error.status(),
                        error.code() + ": " + error.getMessage()));
                send(exchange, error.status(), service.namespace(), requestId, error);
            } catch (RuntimeException e) {
                // a bug in the emulator must show up as a 500 with its cause, not as a hung client
                route.log().record(new RecordedRequest(Instant.now(), method, path, null, action, 500, "emulator bug: " + e));
                send(exchange, 500, service.namespace(), requestId,
                        new AwsQueryError("ServiceFailure", 500, "emulator bug: " + e));
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String namespace, String requestId, AwsQueryError error)
            throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        HttpIo.send(exchange, status, "text/xml", error.body(namespace, requestId).getBytes(StandardCharsets.UTF_8));
    }
}
