package io.scimbridge.assignments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code bridge.assignments.*}. A mapping, so a misspelt key or mode fails the start instead of
 * quietly meaning something else ({@code mode=aply} used to mean plan-only).
 */
@ConfigMapping(prefix = "bridge.assignments")
public interface AssignmentsConfig {

    /** Whether plans are carried out. */
    enum Mode {
        /** Plans are computed and applied (the default). */
        APPLY,
        /** Plans are computed and shown; nothing is sent to SSO Admin. */
        PLAN_ONLY
    }

    @WithDefault("apply")
    Mode mode();

    /**
     * The applier's share of the ~20 requests/second AWS allows all Identity Center API callers
     * together (the default leaves half for the others).
     */
    @WithDefault("10")
    double requestsPerSecond();

    /** How often a requested or pending run is started (read by the scheduler's expression too). */
    @WithDefault("5s")
    Duration checkInterval();

    /** How often AWS is read back for assignments changed by hand (read by the scheduler's expression too). */
    @WithDefault("30m")
    Duration driftInterval();
}
