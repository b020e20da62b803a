package io.scimbridge.revocation;

import io.scimbridge.assignments.AssignmentReader;
import io.scimbridge.aws.AwsClients;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How long a leaver stays denied: {@code bridge.session-revocation.hold} if set, else the longest
 * session duration of the instance's permission sets (ListPermissionSets + DescribePermissionSet;
 * a role session lasts at most that long) plus the margin. Read at most every 10 minutes; until it
 * could be read, AWS's maximum session duration (12 hours) plus the margin, so that no session
 * outlives the Deny.
 */
@ApplicationScoped
public class HoldTime {

    private static final Logger LOG = Logger.getLogger(HoldTime.class);
    /** The IAM Identity Center user guide: a permission set's session duration is 1 to 12 hours. */
    static final Duration AWS_MAX_SESSION = Duration.ofHours(12);
    private static final Duration REFRESH = Duration.ofMinutes(10);

    private final SessionRevocationConfig config;
    private final AwsClients clients;
    private final Optional<String> instanceArn;
    private volatile Duration longestSession;
    private volatile Instant readAt;

    public HoldTime(SessionRevocationConfig config, AwsClients clients,
                    IdentityCenterConfig identityCenter) {
        this.config = config;
        this.clients = clients;
        this.instanceArn = identityCenter.instanceArn();
    }

    /** The hold in force now, without calling AWS. */
    public Duration current() {
        if (config.hold().isPresent()) {
            return config.hold().get();
        }
        Duration longest = longestSession;
        return (longest != null ? longest : AWS_MAX_SESSION).plus(config.margin());
    }

    /** Reads the permission sets' session durations again when due; failures keep the last value. */
    void refresh(Instant now) {
        if (config.hold().isPresent() || readAt != null && now.isBefore(readAt.plus(REFRESH))) {
            return;
        }
        try {
            String instance = instanceArn.orElseGet(() -> AssignmentReader.discoverInstance(clients.ssoAdmin()).instanceArn());
            Duration longest = Duration.ZERO;
            for (AssignmentReader.PermissionSetInfo set : new AssignmentReader(clients.ssoAdmin(), instance)
                    .permissionSets().values()) {
                longest = max(longest, set.sessionDuration());
            }
            longestSession = longest.isZero() ? AWS_MAX_SESSION : longest;
            readAt = now;
        } catch (SdkException | IllegalStateException e) {
            LOG.warnf("Session revocation: permission sets' session durations not readable, holding leavers for %s: %s",
                    current(), e.getMessage());
        }
    }

    private static Duration max(Duration a, String sessionDuration) {
        try {
            Duration d = sessionDuration == null ? Duration.ofHours(1) : Duration.parse(sessionDuration);
            return d.compareTo(a) > 0 ? d : a;
        } catch (DateTimeParseException e) {
            return AWS_MAX_SESSION;
        }
    }
}
