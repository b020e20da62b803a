package io.scimbridge.auth;

import io.scimbridge.scim.ScimErrorBody;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.ScimMediaType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The gate in front of /scim/v2 and /admin: a valid bridge token for that API, or a 401 with
 * {@code WWW-Authenticate} (RFC 6750 §3) and a SCIM error body (RFC 7644 §3.12).
 *
 * <p>Pre-matching, so that unknown paths and methods under /scim/v2 answer 401 rather than
 * telling an anonymous caller what exists. A token for the wrong API (admin on /scim/v2, SCIM
 * on /admin) is treated like a wrong audience: 401 {@code invalid_token}, not 403, because the
 * token is not valid for this resource server at all.
 *
 * <p>Paths outside both APIs (/q/health, /q/metrics, ...) pass untouched.
 *
 * <p>The status page (/admin/status, ops.status.StatusPage) is opened by a browser, which cannot
 * send the header: there, and only there, an admin token in the {@link #SESSION_COOKIE} counts
 * as well, so the JSON admin API stays header-only and cannot be driven from another site. A
 * missing or refused cookie lets only the sign-in form and sign-in/out through, unauthenticated.
 */
public class BearerAuthFilter {

    static final String REALM = "scim-bridge";
    /** The status page's session: an HttpOnly, SameSite=Strict cookie holding an admin token. */
    public static final String SESSION_COOKIE = "bridge_admin_session";
    /** Decoded paths of the status page; no "." or ".." segment, which a router could resolve elsewhere. */
    private static final Pattern STATUS_PAGE = Pattern.compile("/admin/status(/[\\w~-][\\w.~-]*)*/?");
    /** What the status page answers without a session: its sign-in form, sign-in and sign-out. */
    private static final Set<String> SIGN_IN = Set.of("GET /admin/status", "POST /admin/status/session",
            "POST /admin/status/sign-out");
    private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class);

    private final TokenVerifier verifier;
    private final Caller caller;
    private final UnauthenticatedThrottle throttle;

    BearerAuthFilter(TokenVerifier verifier, Caller caller, UnauthenticatedThrottle throttle) {
        this.verifier = verifier;
        this.caller = caller;
        this.throttle = throttle;
    }

    /**
     * An address that has used up its refusals is answered 429 before anything else (the token
     * is not even parsed); every 401 takes from its bucket ({@link UnauthenticatedThrottle}).
     */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        Optional<ProtectedApi> api = ProtectedApi.of(request.getUriInfo().getPath());
        if (api.isEmpty()) {
            return Optional.empty();
        }
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        Optional<Response> exhausted = throttle.refuseIfExhausted(address);
        if (exhausted.isPresent()) {
            LOG.debugf("Throttled %s %s from %s: too many refused requests", request.getMethod(), api.get(), address);
            return exhausted;
        }
        Optional<Response> answer = check(request, api.get());
        if (answer.isPresent() && answer.get().getStatus() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            throttle.refused(address);
        }
        return answer;
    }

    private Optional<Response> check(ContainerRequestContext request, ProtectedApi api) {
        List<String> headers = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (headers == null || headers.isEmpty() || headers.get(0).isBlank()) {
            String path = request.getUriInfo().getPath();
            if (STATUS_PAGE.matcher(path).matches()) {
                Optional<Response> unavailable = browserSession(request);
                if (unavailable.isPresent() || caller.authenticated() || SIGN_IN.contains(request.getMethod() + " " + path)) {
                    return unavailable;
                }
            }
            LOG.debugf("Refused %s %s: no Authorization header", request.getMethod(), api);
            return Optional.of(refuse("Authorization: Bearer token required", false));
        }
        if (headers.size() > 1) {
            return Optional.of(refused(request, api, "More than one Authorization header", null, true));
        }
        String header = headers.get(0).strip();
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            // the scheme name is not a secret; what follows it may be (Basic credentials)
            return Optional.of(refused(request, api, "Authorization scheme must be Bearer", null, false));
        }
        String token = space < 0 ? "" : header.substring(space + 1).strip();
        if (token.isEmpty()) {
            return Optional.of(refused(request, api, "Bearer token is empty", null, false));
        }
        try {
            VerifiedToken verified = verifier.verify(token, api);
            caller.authenticate(verified);
            LOG.tracef("Accepted token %s for %s", verified.id(), api);
            return Optional.empty();
        } catch (TokenRejectedException e) {
            return Optional.of(refused(request, api, e.detail(), e.tokenId(), true));
        } catch (UncheckedIOException e) {
            return Optional.of(unavailable(e));
        }
    }

    /** Authenticates the caller from a valid session cookie; a refused one is ignored (the page signs in again). */
    private Optional<Response> browserSession(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        try {
            caller.authenticate(verifier.verify(cookie.getValue(), ProtectedApi.ADMIN));
        } catch (TokenRejectedException e) {
            LOG.infof("Ignored the status page session of %s %s: %s%s", request.getMethod(), ProtectedApi.ADMIN,
                    e.detail(), e.tokenId() == null ? "" : " (token id " + e.tokenId() + ")");
        } catch (UncheckedIOException e) {
            return Optional.of(unavailable(e));
        }
        return Optional.empty();
    }

    /** Cannot read the revocation list: refuse (fail closed) but say it is our fault. */
    private static Response unavailable(UncheckedIOException e) {
        LOG.warnf("Cannot check tokens: %s", e.getMessage());
        ScimException unavailable = ScimException.unavailable("Cannot check the token right now");
        return Response.status(unavailable.status()).type(ScimMediaType.SCIM_JSON)
                .entity(ScimErrorBody.of(unavailable)).build();
    }

    private static Response refused(ContainerRequestContext request, ProtectedApi api, String detail, String tokenId,
            boolean tokenPresented) {
        LOG.infof("Refused %s %s: %s%s", request.getMethod(), api, detail,
                tokenId == null ? "" : " (token id " + tokenId + ")");
        return refuse(detail, tokenPresented);
    }

    static Response refuse(String detail, boolean tokenPresented) {
        String challenge = "Bearer realm=\"" + REALM + "\"" + (tokenPresented ? ", error=\"invalid_token\"" : "");
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type(ScimMediaType.SCIM_JSON)
                .entity(ScimErrorBody.of(ScimException.unauthorized(detail)))
                .build();
    }
}
