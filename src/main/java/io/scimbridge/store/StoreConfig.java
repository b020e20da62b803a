package io.scimbridge.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the bridge keeps its state and how the store is reached. A root mapping of its own, so
 * that a misspelt top-level {@code bridge.*} key fails the start like one inside a group does.
 */
@ConfigMapping(prefix = "bridge")
public interface StoreConfig {

    /** The data directory: the embedded store, signing keys, the default rules file. */
    Path dataDir();

    Store store();

    interface Store {

        /** How long a write waits for the embedded store's single writer before going on under SQLite's own lock. */
        @WithDefault("5s")
        Duration writeLockTimeout();

        /** How often the embedded store gives free pages back, once more than a tenth of the file is free (read by the schedule's expression). */
        @WithDefault("60s")
        Duration housekeepingInterval();

        /** JDBC driver, Hibernate dialect and migrations by datasource kind (set in application.properties, not by operators). */
        Map<String, String> driver();

        Map<String, String> dialect();

        Map<String, String> migrations();
    }
}
