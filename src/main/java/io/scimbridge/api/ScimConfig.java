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

    /** Most operations in one PATCH request (patch.maxOperations). */
    @WithDefault("1000")
    int maxPatchOperations();

    /** Most members added or removed by one request. */
    @WithDefault("20000")
    int maxMembersPerRequest();
}
