package io.scimbridge.api;

import io.scimbridge.scim.ScimException;

/** Weak ETags from the resource version (RFC 7644 §3.14), and the If-Match check. */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Refuses the write with 412 when If-Match names versions and none is the current one.
     * Absent header or {@code *} always matches.
     */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(current) || c.equals(current.substring(2))) {
                return;
            }
        }
        throw ScimException.preconditionFailed("The resource has changed: its version is " + current);
    }
}
