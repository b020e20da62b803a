package io.scimbridge.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Until when each source has a usable token: what an operator watches, because an IdP holds one
 * token per source, the newest, and provisioning stops when it stops being accepted.
 *
 * <p>Per source, the latest moment any of its non-revoked tokens is still accepted. A token signed
 * with the previous key counts until the earlier of its expiry and the key's cut-over (so a
 * rotation whose new tokens never reached the IdP shows up before the cut-over); a token signed
 * with a key rotated away entirely is not counted. Expired tokens do count (with their past
 * expiry): a source whose newest token has expired keeps a negative figure rather than vanishing.
 * Admin tokens are not an IdP's and are left out.
 */
public final class SourceTokenExpiry {

    private SourceTokenExpiry() {}

    public static Map<String, Instant> validUntilBySource(Iterable<IssuedToken> issued, Set<String> revoked,
                                                          SigningKeyRing keys, Instant now) {
        Map<String, Instant> bySource = new TreeMap<>();
        for (IssuedToken t : issued) {
            if (t.admin() || revoked.contains(t.id())) {
                continue;
            }
            Instant until = switch (keys.statusOf(t.keyId(), now)) {
                case CURRENT, UNRECORDED -> t.expiresAt();
                case PREVIOUS -> earlier(t.expiresAt(), keys.previous().orElseThrow().acceptedUntil());
                case RETIRED -> keys.previous().filter(p -> p.keyId().equals(t.keyId()))
                        .map(p -> earlier(t.expiresAt(), p.acceptedUntil())).orElse(null);
            };
            if (until != null) {
                bySource.merge(t.source(), until, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return bySource;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
