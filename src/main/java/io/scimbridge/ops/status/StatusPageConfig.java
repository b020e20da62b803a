package io.scimbridge.ops.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The operator status page ({@code /admin/status}): how often it reloads and how much it lists. */
@ConfigMapping(prefix = "bridge.status-page")
public interface StatusPageConfig {

    /** How often the page reloads itself ({@code <meta http-equiv=refresh>}); 0 turns it off. */
    @WithDefault("30s")
    Duration refresh();

    /** Dead letters listed (oldest first); the total is always shown. */
    @WithDefault("50")
    int deadLetters();

    /** Changes of the assignment plan listed; the counts cover all of them. */
    @WithDefault("10")
    int planChanges();

    /** Users on the session-revocation deny lists listed, newest first (each list); the counts cover all. */
    @WithDefault("10")
    int revocations();

    /** Audit entries listed, newest first. */
    @WithDefault("20")
    int auditEntries();
}
