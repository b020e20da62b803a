package io.scimbridge.revocation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code bridge.session-revocation.*}: how a leaver's live AWS role sessions are denied (README, "Session revocation"). */
@ConfigMapping(prefix = "bridge.session-revocation")
public interface SessionRevocationConfig {

    /** Where the Deny goes. */
    enum Mode {
        /** Nothing is denied: sessions last until they expire (up to 12 hours). */
        OFF,
        /** Bridge-owned service control policies attached to the root (or {@link #targets()}). */
        SCP,
        /** The inline policy of every provisioned permission set. */
        PERMISSION_SETS
    }

    /** {@code off} | {@code scp} | {@code permission-sets} (env {@code BRIDGE_SESSION_REVOCATION_MODE}). */
    @WithDefault("off")
    Mode mode();

    /** Roots, OUs or accounts the bridge's SCPs are attached to; absent: the organisation's root. */
    Optional<List<String>> targets();

    /**
     * When the targets' 5 SCP slots are full, also attach bridge SCPs to every OU and account
     * below them, a level at a time (each level holds about as many leavers again); false: what
     * does not fit on the targets goes to the permission sets' inline policies.
     */
    @WithDefault("true")
    boolean belowTargets();

    /** How long a leaver stays denied; absent: the longest session duration of the permission sets plus {@link #margin()}. */
    Optional<Duration> hold();

    /** Added to the longest session duration read from SSO Admin (clock skew, provisioning delays). */
    @WithDefault("15m")
    Duration margin();

    /** How often the deny list is checked for changes to send (a leaver waits at most this long). */
    @WithDefault("1s")
    Duration checkInterval();

    /** A full comparison with AWS (drift: a policy edited or detached by hand) at least this often. */
    @WithDefault("5m")
    Duration reconcileInterval();
}
