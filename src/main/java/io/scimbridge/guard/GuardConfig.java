package io.scimbridge.guard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code bridge.guard.*}: when the mass-deprovisioning guard trips (docs/safety-rails.md). The
 * limit is the larger of {@link #maxDeprovisions()} and {@link #maxPercent()} of what the bridge
 * manages; a removal that would take the count of distinct subjects losing access in the last
 * {@link #window()} above it trips the guard. Both {@code 0}: the guard is off.
 */
@ConfigMapping(prefix = "bridge.guard")
public interface GuardConfig {

    /**
     * Subjects (users, groups, assignments) that may lose access in one window without an
     * operator's release; {@code 0}: no absolute floor, the percentage alone decides. 20 lets a
     * normal leaver day (about 5) through at any size and trips on half of any directory of 42 or more.
     */
    @WithDefault("20")
    int maxDeprovisions();

    /**
     * The same as a percentage of the users, groups and assignments the bridge manages;
     * {@code 0}: the absolute count alone decides. 10 % keeps a 10,000-user company's limit at
     * 1,000 (a reorganisation goes through, half the company does not).
     */
    @WithDefault("10")
    int maxPercent();

    /** The sliding window the removals are counted over. */
    @WithDefault("1h")
    Duration window();

    /** Whether the guard can trip at all. */
    default boolean enabled() {
        return maxDeprovisions() > 0 || maxPercent() > 0;
    }

    /** The limit for a bridge that manages {@code managed} subjects; meaningful only when {@link #enabled()}. */
    default long limit(long managed) {
        return Math.max(Math.max(0, maxDeprovisions()), Math.max(0, maxPercent()) * managed / 100);
    }
}
