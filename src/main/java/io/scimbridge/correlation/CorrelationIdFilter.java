package io.scimbridge.correlation;

import io.scimbridge.auth.ProtectedApi;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request under /scim/v2 and /admin a correlation id before anything else runs (so
 * that even the token check's log lines carry it): the caller's {@code X-Request-Id} when it is
 * a sane token, else a fresh one. Answered in {@code X-Request-Id} on every response, refusals
 * included, so an IdP's or an operator's support ticket can name it.
 *
 * <p>The MDC lives in the request's Vert.x context (Quarkus' MDC provider), so it follows the
 * request from the I/O thread to the worker thread and ends with it.
 */
class CorrelationIdFilter {

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 500)
    void assign(ContainerRequestContext request) {
        if (ProtectedApi.of(request.getUriInfo().getPath()).isEmpty()) {
            return;
        }
        String offered = request.getHeaderString(CorrelationId.HEADER);
        String id = CorrelationId.isSane(offered) ? offered : CorrelationId.generate();
        request.setProperty(CorrelationId.REQUEST_PROPERTY, id);
        MDC.put(CorrelationId.MDC_KEY, id);
    }

    @ServerResponseFilter
    void answer(ContainerRequestContext request, ContainerResponseContext response) {
        CorrelationId.of(request).ifPresent(id -> response.getHeaders().putSingle(CorrelationId.HEADER, id));
    }
}
