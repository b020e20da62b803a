package io.scimbridge.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Token verification settings of the running server. The CLI cannot use this mapping (it runs
 * without Quarkus), so {@link AuthSettings#fromConfig} reads the same keys with the same defaults.
 */
@ConfigMapping(prefix = "bridge.auth")
public interface AuthConfig {

    /** The {@code iss} the bridge writes into its tokens and demands back. */
    @WithDefault(AuthSettings.DEFAULT_ISSUER)
    String issuer();

    /** The {@code aud} the bridge writes into its tokens and demands back. */
    @WithDefault(AuthSettings.DEFAULT_AUDIENCE)
    String audience();

    /** Tolerance for clocks that disagree, applied to {@code exp} (and {@code iat}). */
    @WithDefault(AuthSettings.DEFAULT_CLOCK_SKEW)
    Duration clockSkew();

    /** Refused requests (no, bad or refused token) per client address, checked before any signature. */
    UnauthenticatedRateLimit unauthenticatedRateLimit();

    /**
     * A token bucket per client address that only refusals (401) take from; once it is empty,
     * every request from that address gets 429 until it refills, before its token is verified.
     * An IdP with a valid token never takes from it, so the default is far above what one
     * misconfigured connector sends, and far below a flood.
     */
    interface UnauthenticatedRateLimit {

        /** Sustained refusals per second allowed to one address; 0 disables the limit. */
        @WithDefault("5")
        double requestsPerSecond();

        /** Refusals one address may collect at once above the sustained rate (bucket size). */
        @WithDefault("50")
        int burst();
    }
}
