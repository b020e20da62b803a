package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Front door of the SCIM emulator: injected faults, then the tenant and bearer-token check (401 for
 * either, as AWS), then routing to the handlers; every outcome is logged (never the token) and
 * refusals are rendered in AWS's error format.
 */
final class ScimRouter implements HttpHandler {

    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** Emulator-only header naming the rule behind a refusal (AWS gives no such hint). */
    static final String REASON_HEADER = "X-Emulator-Reason";
    // AWS answers JSON with Content-Type application/json (developer guide examples).
    private static final String CONTENT_TYPE = "application/json";
    private static final DateTimeFormatter AWS_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final String tenantId;
    private final byte[] token;
    private final UserHandler users;
    private final GroupHandler groups;
    private final FaultInjector faults;
    private final RequestLog log;
    private Creations creations = new Creations();

    ScimRouter(String tenantId, String token, IdentityCenterState state, FaultInjector faults, RequestLog log) {
        this.tenantId = tenantId;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.users = new UserHandler(state);
        this.groups = new GroupHandler(state);
        this.faults = faults;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath().replaceAll("/{2,}", "/");
        String query = exchange.getRequestURI().getRawQuery();
        List<String> segments = resourceSegments(path);
        String operation = operation(method, segments);
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        try {
            sleep(faults.delay());
            FaultInjector.Fault fault = faults.next();
            if (fault instanceof FaultInjector.Fault.Drop) {
                log.record(new RecordedRequest(Instant.now(), method, path, query, operation,
                        RecordedRequest.DROPPED, "connection dropped by fault injection", requestId));
                return; // closed in finally without an answer
            }
            ScimResponse response;
            try {
                failOn(fault);
                authenticate(exchange, path);
                response = route(method, segments, HttpIo.query(query), HttpIo.readBody(exchange));
            } catch (ScimError error) {
                log.record(new RecordedRequest(Instant.now(), method, path, query, operation, error.status(), error.reason(),
                        requestId));
                sendError(exchange, error);
                return;
            }
            creations.record(operation, response);
            // Logged before answering: a client that has its answer finds the request in the log.
            log.record(new RecordedRequest(Instant.now(), method, path, query, operation, response.status(), null, requestId));
            HttpIo.send(exchange, response.status(), CONTENT_TYPE, response.body() == null ? null : Json.bytes(response.body()));
        } catch (RuntimeException e) {
            // A bug in the emulator must show up as a 500 with its cause, not as a hung client.
            sendError(exchange, ScimError.status(500, "Service failed to process the request.", "emulator bug: " + e));
            log.record(new RecordedRequest(Instant.now(), method, path, query, operation, 500, "emulator bug: " + e, requestId));
        } finally {
            exchange.close();
        }
    }

    /** Where successful creations are counted (the emulator's, shared with its inspection methods). */
    ScimRouter countingCreationsIn(Creations creations) {
        this.creations = creations;
        return this;
    }

    private static void failOn(FaultInjector.Fault fault) {
        switch (fault) {
            case FaultInjector.Fault.Outage o ->
                    throw ScimError.status(503, "Service is unavailable.", "outage switched on");
            case FaultInjector.Fault.Fail f ->
                    throw ScimError.status(f.status(), "Service failed to process the request.", "injected " + f.status());
            case FaultInjector.Fault.Throttle t -> throw ScimError.throttled(t.retryAfter());
            default -> {
            }
        }
    }

    private void authenticate(HttpExchange exchange, String path) {
        String[] parts = path.split("/");
        if (parts.length < 2 || !parts[1].equals(tenantId)) {
            throw ScimError.unauthorized("unknown tenant in path");
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String prefix = "Bearer ";
        if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())
                || !MessageDigest.isEqual(token, header.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            throw ScimError.unauthorized("missing or wrong bearer token");
        }
        if (parts.length < 4 || !parts[2].equals("scim") || !parts[3].equals("v2")) {
            throw ScimError.notFound("not a SCIM v2 path");
        }
    }

    private ScimResponse route(String method, List<String> segments, Map<String, String> query, byte[] body) {
        if (segments.isEmpty()) {
            throw ScimError.notFound("no resource in path");
        }
        String resource = segments.get(0);
        String id = segments.size() > 1 ? segments.get(1) : null;
        if (segments.size() > 2 || ".search".equals(id)) {
            throw ScimError.invalid("/.search and sub-resources are not supported");
        }
        return switch (resource) {
            case "Users" -> users(method, id, query, body);
            case "Groups" -> groups(method, id, query, body);
            case "ServiceProviderConfig" -> serviceProviderConfig(method);
            case "Bulk", "Me", ".search" -> throw ScimError.invalid("/" + resource + " is not supported");
            default -> throw ScimError.notFound("unknown resource /" + resource);
        };
    }

    private ScimResponse users(String method, String id, Map<String, String> query, byte[] body) {
        if (id == null) {
            return switch (method) {
                case "GET" -> users.list(query);
                case "POST" -> users.create(Json.parse(body));
                default -> throw ScimError.invalid(method + " /Users is not supported");
            };
        }
        return switch (method) {
            case "GET" -> users.get(id);
            case "PUT" -> users.replace(id, Json.parse(body));
            case "PATCH" -> users.patch(id, Json.parse(body));
            case "DELETE" -> users.delete(id);
            default -> throw ScimError.invalid(method + " /Users/{id} is not supported");
        };
    }

    private ScimResponse groups(String method, String id, Map<String, String> query, byte[] body) {
        if (id == null) {
            return switch (method) {
                case "GET" -> groups.list(query);
                case "POST" -> groups.create(Json.parse(body));
                default -> throw ScimError.invalid(method + " /Groups is not supported");
            };
        }
        return switch (method) {
            case "GET" -> groups.get(id);
            case "PATCH" -> groups.patch(id, Json.parse(body));
            case "DELETE" -> groups.delete(id);
            // The developer guide lists no PutGroup: AWS answers it as an unsupported operation.
            default -> throw ScimError.invalid(method + " /Groups/{id} is not supported");
        };
    }

    private static ScimResponse serviceProviderConfig(String method) {
        if (!method.equals("GET")) {
            throw ScimError.invalid(method + " /ServiceProviderConfig is not supported");
        }
        ObjectNode config = Json.object();
        config.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 1).put("maxPayloadSize", 1048576);
        config.putObject("filter").put("supported", true).put("maxResults", ScimListing.MAX_COUNT);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", false);
        return ScimResponse.ok(config);
    }

    /** AWS's error body, with its misspelt extra {@code schema} field (seen in real answers). */
    private static void sendError(HttpExchange exchange, ScimError error) throws IOException {
        ObjectNode body = Json.object();
        body.putArray("schema").add(ERROR_SCHEMA);
        body.putArray("schemas").add(ERROR_SCHEMA);
        body.put("detail", error.detail());
        body.put("status", Integer.toString(error.status()));
        body.put("exceptionRequestId", UUID.randomUUID().toString());
        body.put("timeStamp", AWS_TIMESTAMP.format(Instant.now()));
        if (error.retryAfter() != null) {
            long seconds = Math.max(0, (error.retryAfter().toMillis() + 999) / 1000);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", body.get("exceptionRequestId").asText());
        exchange.getResponseHeaders().set(REASON_HEADER, error.reason().replaceAll("[\\r\\n]", " "));
        HttpIo.send(exchange, error.status(), CONTENT_TYPE, Json.bytes(body));
    }

    /** Segments after {@code /<tenant>/scim/v2}, percent-decoded. */
    private static List<String> resourceSegments(String path) {
        String[] parts = path.split("/");
        List<String> segments = new ArrayList<>();
        for (int i = 4; i < parts.length; i++) {
            segments.add(HttpIo.decodePathSegment(parts[i]));
        }
        return segments;
    }

    /** AWS's operation names (as in CloudTrail), for the request log. */
    static String operation(String method, List<String> segments) {
        if (segments.isEmpty()) {
            return "Unsupported";
        }
        boolean item = segments.size() == 2;
        String noun = switch (segments.get(0)) {
            case "Users" -> "User";
            case "Groups" -> "Group";
            case "ServiceProviderConfig" -> "ServiceProviderConfig";
            default -> null;
        };
        if (noun == null || segments.size() > 2) {
            return "Unsupported";
        }
        if (noun.equals("ServiceProviderConfig")) {
            return "GetServiceProviderConfig";
        }
        return switch (method) {
            case "GET" -> item ? "Get" + noun : "List" + noun + "s";
            case "POST" -> item ? "Unsupported" : "Create" + noun;
            case "PUT" -> item ? "Put" + noun : "Unsupported";
            case "PATCH" -> item ? "Patch" + noun : "Unsupported";
            case "DELETE" -> item ? "Delete" + noun : "Unsupported";
            default -> "Unsupported";
        };
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
