package io.scimbridge.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code bridge.audit.*}: the audit log of SCIM writes. */
@ConfigMapping(prefix = "bridge.audit")
public interface AuditConfig {

    /** Off: no entry is written (the correlation id still travels through logs and delivery). */
    @WithDefault("true")
    boolean enabled();

    /** Entries older than this are purged. */
    @WithDefault("90d")
    Duration retention();

    /** How often the purge runs. */
    @WithDefault("1h")
    Duration purgeInterval();

    /**
     * Entries waiting to be written. Beyond it new entries are dropped (counted in
     * bridge_audit_dropped_total, logged): a stalled store must not stall the SCIM front door.
     */
    @WithDefault("10000")
    int queueCapacity();
}
