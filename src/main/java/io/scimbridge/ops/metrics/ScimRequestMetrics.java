package io.scimbridge.ops.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code scim_requests_seconds{resource, operation, outcome}}: count and latency of every SCIM
 * call by resource (User, Group, discovery), what it did (create, get, list, search, replace,
 * patch, delete) and how it ended (success, client_error, unauthorized, throttled, server_error). Ids never become labels.
 */
public class ScimRequestMetrics {

    private static final String START = ScimRequestMetrics.class.getName() + ".start";

    private final MeterRegistry registry;
    /** Registered once per label set (at most a few hundred): a lookup by builder on every request costs more. */
    private final Map<Labels, Timer> timers = new ConcurrentHashMap<>();

    private record Labels(String resource, String operation, String outcome) {}

    ScimRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void start(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @ServerResponseFilter
    public void stop(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        String path = request.getUriInfo().getPath();
        if (!(start instanceof Long begin) || !path.startsWith("/scim/v2")) {
            return;
        }
        String[] parts = path.substring("/scim/v2".length()).split("/");
        String resource = parts.length > 1 ? resourceLabel(parts[1]) : "none";
        String operation = operation(request.getMethod(), parts);
        timers.computeIfAbsent(new Labels(resource, operation, outcome(response.getStatus())), this::timer)
                .record(System.nanoTime() - begin, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timer(Labels labels) {
        return Timer.builder("scim.requests")
                .description("SCIM requests by resource, operation and outcome")
                .tag("resource", labels.resource()).tag("operation", labels.operation()).tag("outcome", labels.outcome())
                .publishPercentileHistogram(false)
                .register(registry);
    }

    private static String resourceLabel(String segment) {
        return switch (segment) {
            case "Users" -> "User";
            case "Groups" -> "Group";
            case "ServiceProviderConfig", "ResourceTypes", "Schemas" -> "discovery";
            default -> "other";
        };
    }

    private static String operation(String method, String[] parts) {
        boolean item = parts.length > 2;
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET" -> item ? "get" : "list";
            case "POST" -> item && parts[2].equals(".search") ? "search" : "create";
            case "PUT" -> "replace";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "other";
        };
    }

    private static String outcome(int status) {
        if (status == 401 || status == 403) {
            return "unauthorized";
        }
        if (status == 429) {
            return "throttled";
        }
        if (status >= 500) {
            return "server_error";
        }
        return status >= 400 ? "client_error" : "success";
    }
}
