package io.scimbridge.auth;

import io.scimbridge.pacing.TokenBuckets;
import io.scimbridge.scim.ScimErrorBody;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.ScimMediaType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Throttles callers that fail authentication, per client address, before their token is
 * verified: a signature check costs real CPU and anyone can send garbage, so an address that
 * has collected its burst of 401s gets a cheap 429 (SCIM body, Retry-After) until its bucket
 * refills ({@code bridge.auth.unauthenticated-rate-limit}). IPv6 addresses count per /64, which
 * one host usually owns whole. Behind a proxy the address is the proxy's unless
 * {@code quarkus.http.proxy.proxy-address-forwarding} is on.
 */
@ApplicationScoped
class UnauthenticatedThrottle {

    /** Addresses tracked at once; beyond it, refilled buckets are dropped first. */
    private static final int MAX_ADDRESSES = 100_000;

    private final TokenBuckets buckets;

    UnauthenticatedThrottle(AuthConfig config) {
        this.buckets = new TokenBuckets(config.unauthenticatedRateLimit().requestsPerSecond(),
                config.unauthenticatedRateLimit().burst(), System::nanoTime, MAX_ADDRESSES);
    }

    /** A 429 for an address that has used up its refusals, or empty: go on and verify. */
    Optional<Response> refuseIfExhausted(String address) {
        long retryAfter = buckets.waitFor(key(address));
        if (retryAfter == 0) {
            return Optional.empty();
        }
        ScimException tooMany = new ScimException(429, null,
                "Too many requests without a valid token from this address; retry after " + retryAfter + " s");
        return Optional.of(Response.status(429).type(ScimMediaType.SCIM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .entity(ScimErrorBody.of(tooMany)).build());
    }

    /** The address was refused (401): it takes a token from its bucket. */
    void refused(String address) {
        buckets.acquire(key(address));
    }

    /** The bucket key: an IPv4 address, or the /64 prefix of an IPv6 address. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException | SecurityException e) {
            return address;
        }
    }
}
