package io.scimbridge.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The rules file and how often it is checked for changes. */
@ConfigMapping(prefix = "bridge")
public interface RulesConfig {

    /** Default: {@code rules.yaml} in the data directory. */
    Optional<Path> rulesFile();

    /** Read by the reload schedule through its expression; mapped so that the key is known and typed. */
    @WithDefault("2s")
    Duration rulesCheckInterval();
}
