package io.scimbridge.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Matches the SCIM endpoint names in any letter case ({@code /scim/v2/users} is
 * {@code /scim/v2/Users}). RFC 7644 spells them /Users, /Groups, ...; clients written against
 * case-insensitive servers (Microsoft's SCIM reference code runs on ASP.NET) send them
 * lower-cased, and a 404 there would be a confusing way to say "wrong case".
 *
 * <p>Runs after authentication, which already recognises /scim/v2 in any spelling; rewrites
 * only the one segment after {@code /scim/v2/}, and only to a name the bridge serves.
 */
public class EndpointNames {

    private static final String PREFIX = "/scim/v2/";
    private static final Map<String, String> CANONICAL = Stream.of("Users", "Groups", "ServiceProviderConfig",
                    "ResourceTypes", "Schemas")
            .collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION + 10)
    public void canonicalise(ContainerRequestContext request, HttpServerRequest http) {
        if (alreadyCanonical(http.path())) {
            return; // nearly every request: no URI is built
        }
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path == null || !path.startsWith(PREFIX)) {
            return;
        }
        int end = path.indexOf('/', PREFIX.length());
        String segment = path.substring(PREFIX.length(), end < 0 ? path.length() : end);
        String canonical = CANONICAL.get(segment.toLowerCase(Locale.ROOT));
        if (canonical == null || canonical.equals(segment)) {
            return;
        }
        String rewritten = PREFIX + canonical + (end < 0 ? "" : path.substring(end));
        request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + rewritten
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }

    /** {@code /scim/v2/<a name the bridge serves, spelt as RFC 7644 spells it>[/...]}. */
    private static boolean alreadyCanonical(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return false;
        }
        int end = rawPath.indexOf('/', PREFIX.length());
        String segment = rawPath.substring(PREFIX.length(), end < 0 ? rawPath.length() : end);
        return CANONICAL.containsValue(segment);
    }
}
