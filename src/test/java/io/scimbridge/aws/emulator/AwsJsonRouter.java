package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.scimbridge.identitycenter.emulator.FaultInjector;
import io.scimbridge.identitycenter.emulator.HttpIo;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import io.scimbridge.identitycenter.emulator.RequestLog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Front door of the Identity Store emulator, speaking the AWS JSON 1.1 protocol: {@code POST /}
 * with {@code X-Amz-Target: AWSIdentityStore.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.1}. SigV4 is not verified cryptographically, but the
 * request must carry an {@code AWS4-HMAC-SHA256} Authorization header scoped to the identitystore
 * service, as the real SDK sends with any static credentials.
 *
 * <p>More services (SSO Admin, Organizations) can be {@linkplain #mount mounted} on the same router,
 * so that one endpoint serves every AWS client the bridge builds, as {@code bridge.aws.endpoint-override}
 * is one URL: the {@code X-Amz-Target} prefix picks the service, each with its own faults and log.
 */
final class AwsJsonRouter implements HttpHandler {

    static final String TARGET_PREFIX = "AWSIdentityStore.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** A service with the faults and request log it answers with. */
    private record Mounted(AwsJsonService service, FaultInjector faults, RequestLog log) {
    }

    private final Mounted primary;
    private final List<Mounted> mounted = new CopyOnWriteArrayList<>();
    /** The query-protocol services (IAM, STS) on this endpoint: form-encoded requests go there. */
    private final AwsQueryRouter query = new AwsQueryRouter();

    AwsJsonRouter(IdentityStoreOperations operations, FaultInjector faults, RequestLog log) {
        this(new AwsJsonService() {
            @Override
            public String targetPrefix() {
                return TARGET_PREFIX;
            }

            @Override
            public String signingName() {
                return "identitystore";
            }

            @Override
            public ObjectNode invoke(String operation, ObjectNode input) {
                return operations.invoke(operation, input);
            }
        }, faults, log);
    }

    /** A router whose requests without a mounted service's target prefix go to {@code service}. */
    AwsJsonRouter(AwsJsonService service, FaultInjector faults, RequestLog log) {
        this.primary = new Mounted(service, faults, log);
    }

    /** Serves {@code service}'s target prefix on this router too, with its own faults and log. */
    void mount(AwsJsonService service, FaultInjector faults, RequestLog log) {
        mounted.add(new Mounted(service, faults, log));
    }

    /** Serves a query-protocol service (IAM, STS) on this endpoint too. */
    void mountQuery(AwsQueryService service, FaultInjector faults, RequestLog log) {
        query.mount(service, faults, log);
    }

    private Mounted serviceFor(String target) {
        if (target != null) {
            for (Mounted m : mounted) {
                if (target.startsWith(m.service().targetPrefix())) {
                    return m;
                }
            }
        }
        return primary;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (AwsQueryRouter.accepts(exchange)) {
            query.handle(exchange);
            return;
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Mounted route = serviceFor(target);
        AwsJsonService service = route.service();
        FaultInjector faults = route.faults();
        RequestLog log = route.log();
        String prefix = service.targetPrefix();
        String operation = target != null && target.startsWith(prefix)
                ? target.substring(prefix.length()) : "Unknown";
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String requestId = UUID.randomUUID().toString();
        try {
            sleep(faults.delay());
            FaultInjector.Fault fault = faults.next();
            if (fault instanceof FaultInjector.Fault.Drop) {
                log.record(new RecordedRequest(Instant.now(), method, path, null, operation,
                        RecordedRequest.DROPPED, "connection dropped by fault injection"));
                return; // closed in finally without an answer
            }
            try {
                failOn(fault, exchange, service);
                checkEnvelope(exchange, method, path, target, service);
                byte[] answer = Json.bytes(service.invoke(operation, Json.parseObject(HttpIo.readBody(exchange))));
                exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
                // recorded before answering, so a client that got its answer finds the request logged
                log.record(new RecordedRequest(Instant.now(), method, path, null, operation, 200, null));
                HttpIo.send(exchange, 200, CONTENT_TYPE, answer);
            } catch (AwsError error) {
                log.record(new RecordedRequest(Instant.now(), method, path, null, operation, error.status(),
                        error.type() + ": " + error.getMessage()));
                sendError(exchange, error, requestId);
            }
        } catch (RuntimeException e) {
            // A bug in the emulator must show up as a 500 with its cause, not as a hung client.
            sendError(exchange, AwsError.of("InternalServerException", 500, "emulator bug: " + e), requestId);
            log.record(new RecordedRequest(Instant.now(), method, path, null, operation, 500, "emulator bug: " + e));
        } finally {
            exchange.close();
        }
    }

    private static void failOn(FaultInjector.Fault fault, HttpExchange exchange, AwsJsonService service) {
        switch (fault) {
            case FaultInjector.Fault.Outage o ->
                    throw AwsError.of("ServiceUnavailableException", 503, "Service is unavailable");
            case FaultInjector.Fault.Fail f ->
                    throw AwsError.of("InternalServerException", f.status(), "injected failure");
            case FaultInjector.Fault.Throttle t -> {
                long seconds = Math.max(0, (t.retryAfter().toMillis() + 999) / 1000);
                exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
                throw service.throttled(seconds);
            }
            default -> {
            }
        }
    }

    private static void checkEnvelope(HttpExchange exchange, String method, String path, String target,
                                      AwsJsonService service) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw AwsError.of("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ")
                || !authorization.contains("/" + service.signingName() + "/aws4_request")) {
            throw AwsError.of("IncompleteSignatureException", 403,
                    "Authorization header must be AWS4-HMAC-SHA256 scoped to " + service.signingName());
        }
        if (!method.equals("POST") || !path.equals("/")) {
            throw AwsError.of("UnknownOperationException", 404, "AWS JSON 1.1 expects POST /");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
            throw AwsError.of("SerializationException", 400, "Content-Type must be " + CONTENT_TYPE);
        }
        if (target == null || !target.startsWith(service.targetPrefix())) {
            throw AwsError.of("UnknownOperationException", 400,
                    "X-Amz-Target must be " + service.targetPrefix() + "<Operation>");
        }
    }

    private static void sendError(HttpExchange exchange, AwsError error, String requestId) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", error.type());
        HttpIo.send(exchange, error.status(), CONTENT_TYPE, Json.bytes(error.body(requestId)));
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
