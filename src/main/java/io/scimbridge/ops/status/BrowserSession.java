package io.scimbridge.ops.status;

import io.scimbridge.auth.BearerAuthFilter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * What one request to the status page brings for its session: the admin token it is
 * authenticated with (the Authorization header, else the session cookie; {@link BearerAuthFilter}
 * has already verified it), where the request came from, and over which scheme.
 *
 * <p>Forms that change something carry a CSRF token: a digest of the session's token, so it is
 * the same on every replica, needs no server state, and cannot be computed by a page that cannot
 * read the HttpOnly cookie. The Origin (or Referer) must also name this host. Together with
 * SameSite=Strict, a form posted from another site is refused three times over.
 *
 * @param authorization the Authorization header, or null
 * @param cookie        the session cookie's value, or null
 * @param host          the Host header
 * @param origin        the Origin header, or null
 * @param referer       the Referer header, or null
 * @param https         the request reached us (or the proxy in front) over https
 */
public record BrowserSession(String authorization, String cookie, String host, String origin, String referer,
                             boolean https) {

    static final String COOKIE = BearerAuthFilter.SESSION_COOKIE;
    private static final String CSRF_LABEL = "scim-bridge status page csrf\n";

    /** The token the request is authenticated with, if it brought one. */
    Optional<String> credential() {
        if (authorization != null && !authorization.isBlank()) {
            String header = authorization.strip();
            int space = header.indexOf(' ');
            return space < 0 ? Optional.empty() : Optional.of(header.substring(space + 1).strip());
        }
        return cookie == null || cookie.isBlank() ? Optional.empty() : Optional.of(cookie);
    }

    boolean hasCookie() {
        return cookie != null && !cookie.isBlank();
    }

    /** The CSRF token of this session; empty without one. */
    String csrfToken() {
        return credential().map(BrowserSession::digest).orElse("");
    }

    boolean csrfMatches(String presented) {
        String expected = csrfToken();
        return presented != null && !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The form was posted from a page of this host: the Origin names it (else the Referer does).
     * A request with neither is not a browser's cross-site form post (browsers send Origin on
     * every POST); the CSRF token still decides. An opaque origin ("null") is refused.
     */
    boolean sameOrigin() {
        if (origin != null) {
            return !origin.equals("null") && namesHost(origin);
        }
        return referer == null || namesHost(referer);
    }

    private boolean namesHost(String url) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI from = URI.create(url.strip());
            URI self = URI.create("http://" + host.strip());
            if (from.getHost() == null || self.getHost() == null || from.getScheme() == null) {
                return false;
            }
            // The Host header has no scheme: a port it leaves out is the default of the page's scheme.
            int defaultPort = from.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            int fromPort = from.getPort() < 0 ? defaultPort : from.getPort();
            int selfPort = self.getPort() < 0 ? defaultPort : self.getPort();
            return from.getHost().toLowerCase(Locale.ROOT).equals(self.getHost().toLowerCase(Locale.ROOT)) && fromPort == selfPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Set-Cookie for a signed-in session: the browser sends it back only to /admin, never to scripts. */
    String setCookie(String token) {
        return COOKIE + "=" + token + "; Path=/admin; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** Set-Cookie that ends the session. */
    String clearCookie() {
        return COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((CSRF_LABEL + token).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
