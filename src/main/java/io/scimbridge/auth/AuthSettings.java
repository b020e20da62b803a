package io.scimbridge.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.microprofile.config.Config;

/**
 * Everything the token classes need, as one plain value: the server builds it from
 * {@link AuthConfig}, the CLI and tests from whatever config they have, so neither needs CDI.
 */
public record AuthSettings(Path dataDir, String issuer, String audience, Duration clockSkew) {

    public static final String DATA_DIR_KEY = "bridge.data-dir";
    public static final String DEFAULT_DATA_DIR = "./data";
    public static final String DEFAULT_ISSUER = "scim-bridge";
    public static final String DEFAULT_AUDIENCE = "scim-bridge";
    public static final String DEFAULT_CLOCK_SKEW = "60s";

    public AuthSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clockSkew, "clockSkew");
    }

    public static AuthSettings defaults(Path dataDir) {
        return new AuthSettings(dataDir, DEFAULT_ISSUER, DEFAULT_AUDIENCE, Duration.ofSeconds(60));
    }

    public AuthSettings withDataDir(Path other) {
        return new AuthSettings(other, issuer, audience, clockSkew);
    }

    /** Reads the keys of {@link AuthConfig} plus {@code bridge.data-dir} from a plain MicroProfile config. */
    public static AuthSettings fromConfig(Config config) {
        return new AuthSettings(
                Path.of(config.getOptionalValue(DATA_DIR_KEY, String.class).orElse(DEFAULT_DATA_DIR)),
                config.getOptionalValue("bridge.auth.issuer", String.class).orElse(DEFAULT_ISSUER),
                config.getOptionalValue("bridge.auth.audience", String.class).orElse(DEFAULT_AUDIENCE),
                parseSeconds(config.getOptionalValue("bridge.auth.clock-skew", String.class).orElse(DEFAULT_CLOCK_SKEW)));
    }

    /**
     * Plain MicroProfile config has no converter for Quarkus' "60s" duration shorthand, so this
     * accepts ISO-8601 ({@code PT60S}), a number of seconds, or a number followed by {@code s}.
     */
    static Duration parseSeconds(String value) {
        String v = value.trim();
        if (v.startsWith("P") || v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
        }
        if (v.endsWith("s") || v.endsWith("S")) {
            v = v.substring(0, v.length() - 1);
        }
        return Duration.ofSeconds(Long.parseLong(v));
    }

    Path keysDir() { return dataDir.resolve("keys"); }

    Path tokensDir() { return dataDir.resolve("tokens"); }
}
