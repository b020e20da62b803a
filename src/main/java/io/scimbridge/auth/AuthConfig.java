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
}
