package io.scimbridge.aws.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.scimbridge.identitycenter.emulator.FaultInjector;
import io.scimbridge.identitycenter.emulator.HttpIo;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import io.scimbridge.identitycenter.emulator.RequestLog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Front door of the Identity Store emulator, speaking the AWS JSON 1.1 protocol: {@code POST /}
 * with {@code X-Amz-Target: AWSIdentityStore.<Operation>} and
 * {@code Content-Type: application/x-amz-json-1.1}. SigV4 is not verified cryptographically, but the
 * request must carry an {@code AWS4-HMAC-SHA256} Authorization header scoped to the identitystore
 * service, as the real SDK sends with any static credentials.
 */
final class AwsJsonRouter implements HttpHandler {

    static final String TARGET_PREFIX = "AWSIdentityStore.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final IdentityStoreOperations operations;
    private final FaultInjector faults;
    private final RequestLog log;

    AwsJsonRouter(IdentityStoreOperations operations, FaultInjector faults, RequestLog log) {
        this.operations = operations;
        this.faults = faults;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null && target.startsWith(TARGET_PREFIX)
                ? target.substring(TARGET_PREFIX.length()) : "Unknown";
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
                failOn(fault, exchange);
                checkEnvelope(exchange, method, path, target);
                byte[] answer = Json.bytes(operations.invoke(operation, Json.parseObject(HttpIo.readBody(exchange))));
                exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
                HttpIo.send(exchange, 200, CONTENT_TYPE, answer);
                log.record(new RecordedRequest(Instant.now(), method, path, null, operation, 200, null));
            } catch (AwsError error) {
                sendError(exchange, error, requestId);
                log.record(new RecordedRequest(Instant.now(), method, path, null, operation, error.status(),
                        error.type() + ": " + error.getMessage()));
            }
        } catch (RuntimeException e) {
            // A bug in the emulator must show up as a 500 with its cause, not as a hung client.
            sendError(exchange, AwsError.of("InternalServerException", 500, "emulator bug: " + e), requestId);
            log.record(new RecordedRequest(Instant.now(), method, path, null, operation, 500, "emulator bug: " + e));
        } finally {
            exchange.close();
        }
    }

    private static void failOn(FaultInjector.Fault fault, HttpExchange exchange) {
        switch (fault) {
            case FaultInjector.Fault.Outage o ->
                    throw AwsError.of("ServiceUnavailableException", 503, "Service is unavailable");
            case FaultInjector.Fault.Fail f ->
                    throw AwsError.of("InternalServerException", f.status(), "injected failure");
            case FaultInjector.Fault.Throttle t -> {
                long seconds = Math.max(0, (t.retryAfter().toMillis() + 999) / 1000);
                exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
                throw AwsError.throttling(seconds);
            }
            default -> {
            }
        }
    }

    private static void checkEnvelope(HttpExchange exchange, String method, String path, String target) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw AwsError.of("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || !authorization.contains("/identitystore/aws4_request")) {
            throw AwsError.of("IncompleteSignatureException", 403,
                    "Authorization header must be AWS4-HMAC-SHA256 scoped to identitystore");
        }
        if (!method.equals("POST") || !path.equals("/")) {
            throw AwsError.of("UnknownOperationException", 404, "AWS JSON 1.1 expects POST /");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
            throw AwsError.of("SerializationException", 400, "Content-Type must be " + CONTENT_TYPE);
        }
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw AwsError.of("UnknownOperationException", 400, "X-Amz-Target must be " + TARGET_PREFIX + "<Operation>");
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
