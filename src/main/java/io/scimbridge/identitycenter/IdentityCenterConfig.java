package io.scimbridge.identitycenter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where Identity Center is and how hard the bridge may push it. No URL: dry-run. */
@ConfigMapping(prefix = "bridge.identity-center")
public interface IdentityCenterConfig {

    /** e.g. https://scim.eu-west-1.amazonaws.com/TENANT/scim/v2 ; absent: dry-run. */
    Optional<String> scimUrl();

    /** The bearer token generated in the Identity Center console (secret: never logged). */
    Optional<String> scimToken();

    /** A file holding the token instead (Kubernetes / ECS secrets); read at every call. */
    Optional<Path> scimTokenFile();

    /**
     * The Identity Center instance (arn:aws:sso:::instance/ssoins-...) whose permission sets and
     * assignments the bridge reads and writes; absent: the first instance SSO Admin lists.
     */
    Optional<String> instanceArn();

    /** The identity store (d-xxxxxxxxxx) read back by reconciliation; absent: no reconciliation. */
    Optional<String> identityStoreId();

    /** How often reconciliation compares the shadow with what Identity Center holds. */
    @WithDefault("1h")
    Duration reconcileInterval();

    /** Calls per second across all workers; Identity Center documents about 20 TPS in all. */
    @WithDefault("15")
    double requestsPerSecond();

    /** Deliveries running at once. */
    @WithDefault("4")
    int workers();

    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * How long a claimed dirty mark belongs to one replica without renewal: after a crash, the
     * work it held is taken over after at most this long. Renewed every third of it.
     */
    @WithDefault("30s")
    Duration lease();

    /** How often the queue is polled when nothing woke the workers up. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Failures after which a delivery refused by Identity Center (4xx) becomes a dead letter. */
    @WithDefault("5")
    int maxAttempts();

    /** Longest wait between two attempts of a failing delivery. */
    @WithDefault("5m")
    Duration maxBackoff();

    Names names();

    CircuitSettings circuit();

    /** The circuit that pauses delivery while Identity Center is down. */
    interface CircuitSettings {
        /** Calls in a row without an answer (or with a 5xx) that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** First pause; doubles at each failed probe. */
        @WithDefault("5s")
        Duration openFor();

        @WithDefault("2m")
        Duration maxOpenFor();
    }

    interface Names {
        /** Derive givenName / familyName / displayName when the IdP sent none. */
        @WithDefault("true")
        boolean derive();

        /** Used for a name part that can't be derived. */
        @WithDefault("-")
        String placeholder();
    }
}
