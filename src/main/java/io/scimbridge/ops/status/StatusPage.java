package io.scimbridge.ops.status;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.scimbridge.auth.Caller;
import io.scimbridge.auth.ProtectedApi;
import io.scimbridge.auth.TokenRejectedException;
import io.scimbridge.auth.TokenVerifier;
import io.scimbridge.identitycenter.outbox.DeliveryWakeUp;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The operator's status page: one read-only HTML page with health, queue, dead letters (each
 * with a Retry button), the last reconciliation, the assignment plan, the rules in force and
 * recent audit entries.
 *
 * <p>A browser signs in by pasting an admin token once; it is kept in an HttpOnly, SameSite=Strict
 * cookie that {@code BearerAuthFilter} accepts under /admin/status only, and never written into
 * the page. The filter lets only the sign-in form, sign-in and sign-out through without a
 * session; every method here checks again. Retry goes to the same queue methods as
 * {@code POST /admin/dead-letters/{id}/retry}.
 */
@Path("/admin/status")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class StatusPage {

    private static final Logger LOG = Logger.getLogger(StatusPage.class);
    private static final Map<String, String> NOTICES = Map.of(
            "retried", "The dead letter is back in the queue.",
            "not-dead", "That resource is no longer a dead letter (already retried or delivered).");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance status(StatusView view);

        static native TemplateInstance signIn(String message, int refresh);
    }

    private final StatusCollector collector;
    private final OutboxQueue queue;
    private final DeliveryWakeUp wakeUp;
    private final TokenVerifier verifier;
    private final Caller caller;

    public StatusPage(StatusCollector collector, OutboxQueue queue, DeliveryWakeUp wakeUp, TokenVerifier verifier,
                      Caller caller) {
        this.collector = collector;
        this.queue = queue;
        this.wakeUp = wakeUp;
        this.verifier = verifier;
        this.caller = caller;
    }

    /** The page with a session; the sign-in form (401, no data) without one. */
    @GET
    public Response page(@QueryParam("refresh") String refresh, @QueryParam("notice") String notice,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        BrowserSession session = session(headers, uri);
        int seconds = refreshSeconds(refresh);
        if (!signedIn()) {
            String message = session.hasCookie() ? "Your session has ended (the token expired or was revoked): sign in again." : null;
            Response.ResponseBuilder form = html(Response.Status.UNAUTHORIZED, Templates.signIn(message, seconds))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim-bridge\"");
            return (session.hasCookie() ? form.header("Set-Cookie", session.clearCookie()) : form).build();
        }
        StatusView view = collector.collect(seconds, session.csrfToken(), notice == null ? null : NOTICES.get(notice));
        return html(Response.Status.OK, Templates.status(view)).build();
    }

    /** Signs in: the pasted admin token is checked like a bearer token, then kept in the session cookie. */
    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @QueryParam("refresh") String refresh,
                           @Context HttpHeaders headers, @Context UriInfo uri) {
        BrowserSession session = session(headers, uri);
        int seconds = refreshSeconds(refresh);
        if (!session.sameOrigin()) {
            return refused("the sign-in form was posted from another site");
        }
        String pasted = token == null ? "" : token.strip();
        if (pasted.regionMatches(true, 0, "Bearer ", 0, 7)) {
            pasted = pasted.substring(7).strip();
        }
        try {
            var verified = verifier.verify(pasted, ProtectedApi.ADMIN);
            LOG.infof("Status page: signed in with admin token %s", verified.id());
        } catch (TokenRejectedException e) {
            LOG.infof("Status page: sign-in refused: %s%s", e.detail(), e.tokenId() == null ? "" : " (token id " + e.tokenId() + ")");
            return html(Response.Status.UNAUTHORIZED, Templates.signIn(pasted.isEmpty() ? "Paste an admin token."
                    : "Refused: " + e.detail() + ".", seconds)).build();
        } catch (UncheckedIOException e) {
            LOG.warnf("Status page: cannot check tokens: %s", e.getMessage());
            return html(Response.Status.SERVICE_UNAVAILABLE, Templates.signIn("Cannot check the token right now.", seconds)).build();
        }
        return back(seconds, null).header("Set-Cookie", session.setCookie(pasted)).build();
    }

    /** Ends the browser's session (the token itself stays valid: revoke it with the CLI). */
    @POST
    @Path("sign-out")
    public Response signOut(@Context HttpHeaders headers, @Context UriInfo uri) {
        BrowserSession session = session(headers, uri);
        if (!session.sameOrigin()) {
            return refused("the sign-out form was posted from another site");
        }
        return back(collector.defaultRefreshSeconds(), null).header("Set-Cookie", session.clearCookie()).build();
    }

    /** The Retry button: the dead letter goes back into the queue, as the admin API's retry does. */
    @POST
    @Path("dead-letters/{resourceId}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("resourceId") String resourceId, @FormParam("csrf") String csrf,
                          @QueryParam("refresh") String refresh, @Context HttpHeaders headers, @Context UriInfo uri) {
        BrowserSession session = session(headers, uri);
        if (!signedIn()) {
            return html(Response.Status.UNAUTHORIZED, Templates.signIn(null, refreshSeconds(refresh))).build();
        }
        if (!session.sameOrigin()) {
            return refused("the form was posted from another site");
        }
        if (!session.csrfMatches(csrf)) {
            return refused("the form's CSRF token is missing or is not this session's");
        }
        boolean requeued = queue.retryDeadLetter(resourceId);
        if (requeued) {
            wakeUp.wake();
            LOG.infof("Status page: dead letter %s retried (admin token %s)", resourceId, caller.tokenId());
        }
        return back(refreshSeconds(refresh), requeued ? "retried" : "not-dead").build();
    }

    private boolean signedIn() {
        return caller.authenticated() && caller.admin();
    }

    private int refreshSeconds(String requested) {
        if (requested == null || requested.isBlank()) {
            return collector.defaultRefreshSeconds();
        }
        try {
            int seconds = Integer.parseInt(requested.strip());
            return seconds <= 0 ? 0 : Math.max(5, Math.min(3600, seconds));
        } catch (NumberFormatException e) {
            return collector.defaultRefreshSeconds();
        }
    }

    /** Post/redirect/get: back to the page, so a reload never posts again. */
    private Response.ResponseBuilder back(int refresh, String notice) {
        StringBuilder target = new StringBuilder("/admin/status");
        String separator = "?";
        if (refresh != collector.defaultRefreshSeconds()) {
            target.append(separator).append("refresh=").append(refresh);
            separator = "&";
        }
        if (notice != null) {
            target.append(separator).append("notice=").append(notice).append("#dead-letters");
        }
        return Response.seeOther(URI.create(target.toString())).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static Response refused(String why) {
        LOG.infof("Status page: refused a form: %s", why);
        return html(Response.Status.FORBIDDEN, null).entity("<!doctype html><title>Refused</title><p>Refused: " + why
                + ". Go back to <a href=\"/admin/status\">the status page</a> and use its buttons.</p>").build();
    }

    /**
     * An HTML answer that is never cached, cannot be framed (the Retry button must not be
     * clickjacked), and may not run any script or load anything from elsewhere.
     */
    private static Response.ResponseBuilder html(Response.Status status, TemplateInstance template) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(template == null ? null : template.render())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline';"
                        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }

    private static BrowserSession session(HttpHeaders headers, UriInfo uri) {
        var cookie = headers.getCookies().get(BrowserSession.COOKIE);
        String forwardedProto = headers.getHeaderString("X-Forwarded-Proto");
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || forwardedProto != null && forwardedProto.strip().toLowerCase().startsWith("https");
        return new BrowserSession(headers.getHeaderString(HttpHeaders.AUTHORIZATION), cookie == null ? null : cookie.getValue(),
                headers.getHeaderString(HttpHeaders.HOST), headers.getHeaderString("Origin"),
                headers.getHeaderString("Referer"), https);
    }
}
