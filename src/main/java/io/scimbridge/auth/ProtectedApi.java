package io.scimbridge.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two APIs that need a token, recognised from the request path. */
public enum ProtectedApi {
    SCIM,
    ADMIN;

    /**
     * Which API {@code path} belongs to, if any. The path is normalised the way a router might
     * (empty segments from "//" dropped, ";matrix" parameters cut, case ignored) so that no
     * spelling of /scim/v2 reaches a resource without being checked here first.
     */
    public static Optional<ProtectedApi> of(String path) {
        String[] segments = Arrays.stream(path.split("/"))
                .map(s -> s.indexOf(';') >= 0 ? s.substring(0, s.indexOf(';')) : s)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        if (segments.length >= 2 && segments[0].equals("scim") && segments[1].equals("v2")) {
            return Optional.of(SCIM);
        }
        if (segments.length >= 1 && segments[0].equals("admin")) {
            return Optional.of(ADMIN);
        }
        return Optional.empty();
    }
}
