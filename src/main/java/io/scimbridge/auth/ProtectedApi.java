package io.scimbridge.auth;

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
        // three filters ask on every request: only the first two segments are looked at, in place
        int[] first = nextSegment(path, 0);
        if (first == null) {
            return Optional.empty();
        }
        if (segmentIs(path, first, "admin")) {
            return Optional.of(ADMIN);
        }
        if (!segmentIs(path, first, "scim")) {
            return Optional.empty();
        }
        int[] second = nextSegment(path, first[2]);
        return second != null && segmentIs(path, second, "v2") ? Optional.of(SCIM) : Optional.empty();
    }

    /**
     * The next non-empty segment at or after {@code from}, its ";matrix" parameters cut: {start,
     * end, where the search goes on}; null when there is none.
     */
    private static int[] nextSegment(String path, int from) {
        int at = from;
        while (at < path.length()) {
            int slash = path.indexOf('/', at);
            int end = slash < 0 ? path.length() : slash;
            int semicolon = path.indexOf(';', at);
            int cut = semicolon >= 0 && semicolon < end ? semicolon : end;
            if (cut > at) {
                return new int[] {at, cut, end};
            }
            at = end + 1;
        }
        return null;
    }

    private static boolean segmentIs(String path, int[] segment, String lowerCaseName) {
        int length = segment[1] - segment[0];
        return length == lowerCaseName.length() && path.regionMatches(true, segment[0], lowerCaseName, 0, length);
    }
}
