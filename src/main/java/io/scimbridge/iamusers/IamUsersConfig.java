package io.scimbridge.iamusers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Retiring the IAM users that Identity Center replaces ({@code docs/retire-iam-users.md}). Off
 * until {@link #roleName()} is set; read-only until {@link #mode()} is {@code apply}.
 */
@ConfigMapping(prefix = "bridge.iam-users")
public interface IamUsersConfig {

    /** report: inventory, classify and plan only; apply: also carry out the plan when asked. */
    enum Mode { REPORT, APPLY }

    @WithDefault("report")
    Mode mode();

    /**
     * The role assumed in every active member account (deploy/aws/iam-users-member-role.yaml); absent:
     * the feature is off.
     */
    Optional<String> roleName();

    /** RoleSessionName of the assumed sessions, as CloudTrail shows it in each account. */
    @WithDefault("scim-bridge-iam-users")
    String sessionName();

    /**
     * IAM and STS calls per second, all accounts together. AWS does not publish IAM's request
     * quotas per action; Throttling answers are retried by the SDK with backoff on top of this.
     */
    @WithDefault("5")
    double requestsPerSecond();

    /** Attempts per call (the first plus retries of throttling and 5xx answers). */
    @WithDefault("8")
    int maxAttempts();

    /** How often every account is inventoried again (AWS reuses a credential report for four hours). */
    @WithDefault("6h")
    Duration refreshInterval();

    /** Between two GenerateCredentialReport calls while the report is being generated. */
    @WithDefault("2s")
    Duration reportPollInterval();

    /** GenerateCredentialReport calls before an account is reported as unreadable. */
    @WithDefault("30")
    int reportPollAttempts();
}
