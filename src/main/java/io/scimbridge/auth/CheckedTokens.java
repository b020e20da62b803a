package io.scimbridge.auth;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature and claims were checked, by their exact text, so that an IdP sending the
 * same bearer token thousands of times an hour pays for the ES256 check once (profiled: the check
 * was about a fifth of the bridge's CPU under the front-door benchmark). An entry holds only for
 * the key ring it was checked with and until the token expires; revocation, the previous key's
 * cut-over and the API's claims are still decided on every request by {@link TokenVerifier}.
 * Refusals are never kept. Bounded: a deployment has a handful of tokens, so when the map fills
 * up (someone is minting tokens in a loop) it is simply emptied.
 */
final class CheckedTokens {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(SigningKeyRing ring, Genuine genuine) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** The checked token, if it was checked with this very ring and has not expired. */
    Genuine get(String token, SigningKeyRing ring, Instant now) {
        Entry e = entries.get(token);
        if (e == null) {
            return null;
        }
        if (e.ring() != ring || !now.isBefore(e.genuine().expiresAt())) {
            entries.remove(token, e);
            return null;
        }
        return e.genuine();
    }

    void put(String token, SigningKeyRing ring, Genuine genuine) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(token, new Entry(ring, genuine));
    }

    int size() {
        return entries.size();
    }
}
