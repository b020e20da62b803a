package io.scimbridge.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the SCIM front door; each is advertised truthfully in /ServiceProviderConfig. */
@ConfigMapping(prefix = "bridge.scim")
public interface ScimConfig {

    /** Largest request body accepted, in bytes; larger ones get 413 before they are parsed. */
    @WithDefault("2097152")
    int maxBodyBytes();

    /** Most resources returned in one page, whatever count asks for (filter.maxResults). */
    @WithDefault("1000")
    int maxResults();

    /** Page size when the request names no count. */
    @WithDefault("100")
    int defaultCount();

    @WithDefault("4096")
    int maxFilterLength();

    /** Deepest nesting of parentheses, not() and value paths in one filter. */
    @WithDefault("32")
    int maxFilterDepth();

    /**
     * Most clauses (comparisons, pr tests, value filters and the clauses inside them) in one filter. Each is a
     * sub-query in SQL: the length limit alone lets ~180 through, which cost 10-20 s and the heap.
     * IdPs send one or two.
     */
    @WithDefault("50")
    int maxFilterClauses();

    /** Most operations in one PATCH request (patch.maxOperations). */
    @WithDefault("1000")
    int maxPatchOperations();

    /** Most members added or removed by one request. */
    @WithDefault("20000")
    int maxMembersPerRequest();

    /** Per-source request rate limit on /scim/v2 (429 with Retry-After above it). */
    RateLimit rateLimit();

    /** A token bucket per source (the IdP connection named by the bearer token). */
    interface RateLimit {

        /** Sustained requests per second allowed to one source; 0 disables the limit. */
        @WithDefault("50")
        double requestsPerSecond();

        /** Requests one source may make at once above the sustained rate (bucket size). */
        @WithDefault("200")
        int burst();
    }
}
