package io.scimbridge.api;

import io.scimbridge.auth.Caller;
import io.scimbridge.auth.ProtectedApi;
import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-source rate limit on /scim/v2: runs after {@code BearerAuthFilter} (also pre-matching, so
 * unknown paths count too) and refuses a source over its budget with 429, {@code Retry-After}
 * and a SCIM error body, before anything is parsed or stored.
 */
class RateLimitFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);

    private final SourceRateLimiter limiter;
    private final Caller caller;

    RateLimitFilter(SourceRateLimiter limiter, Caller caller) {
        this.limiter = limiter;
        this.caller = caller;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 20)
    Optional<Response> limit(ContainerRequestContext request) {
        if (!limiter.enabled() || ProtectedApi.of(request.getUriInfo().getPath()).orElse(null) != ProtectedApi.SCIM
                || !caller.authenticated() || caller.admin()) {
            return Optional.empty();
        }
        String source = caller.source();
        long retryAfter = limiter.acquire(source);
        if (retryAfter == 0) {
            return Optional.empty();
        }
        LOG.debugf("Rate limit: refused %s from source %s, retry after %d s", request.getMethod(), source, retryAfter);
        Response error = ScimResponses.error(new ScimException(429, null,
                "Too many requests from source " + source + "; retry after " + retryAfter + " s"));
        return Optional.of(Response.fromResponse(error)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .build());
    }
}
