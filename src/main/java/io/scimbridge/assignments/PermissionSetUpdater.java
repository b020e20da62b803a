package io.scimbridge.assignments;

import io.scimbridge.pacing.Backoff;
import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.PermissionSetPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSetProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.ProvisionTargetType;
import software.amazon.awssdk.services.ssoadmin.model.StatusValues;

/**
 * Applies the {@code permissionSets} section: a listed permission set whose session duration
 * differs gets UpdatePermissionSet, then ProvisionPermissionSet to ALL_PROVISIONED_ACCOUNTS (edits
 * reach the accounts' roles only through provisioning), polled with
 * DescribePermissionSetProvisioningStatus. Permission sets not listed are never touched. One
 * permission set at a time: AWS updates one permission set role per account at a time.
 */
public final class PermissionSetUpdater {

    /** A listed permission set whose session duration is to change. */
    public record SessionDurationChange(String name, String arn, String from, String to) {
    }

    /** What became of one change; {@code failureReason} is AWS's, null if it succeeded. */
    public record Result(SessionDurationChange change, boolean succeeded, String failureReason) {
    }

    /** The changes, and the listed permission sets that do not exist. */
    public record Changes(List<SessionDurationChange> changes, List<String> unknown) {
        public Changes {
            changes = List.copyOf(changes);
            unknown = List.copyOf(unknown);
        }
    }

    private final SsoAdminClient client;
    private final String instanceArn;
    private final AssignmentApplier.Settings settings;

    public PermissionSetUpdater(SsoAdminClient client, String instanceArn, AssignmentApplier.Settings settings) {
        this.client = client;
        this.instanceArn = instanceArn;
        this.settings = settings;
    }

    /** What {@link #apply} would change; durations compare by value (PT60M is PT1H). */
    public static Changes plan(AssignmentRules rules, Map<String, AssignmentReader.PermissionSetInfo> current) {
        List<SessionDurationChange> changes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PermissionSetPolicy policy : rules.permissionSets().values()) {
            AssignmentReader.PermissionSetInfo info = current.get(policy.name());
            if (info == null) {
                unknown.add(policy.name());
            } else if (!sameDuration(info.sessionDuration(), policy.sessionDuration())) {
                changes.add(new SessionDurationChange(policy.name(), info.arn(), info.sessionDuration(),
                        policy.sessionDuration()));
            }
        }
        return new Changes(changes, unknown);
    }

    public List<Result> apply(List<SessionDurationChange> changes) {
        List<Result> results = new ArrayList<>();
        for (SessionDurationChange change : changes) {
            results.add(apply(change));
        }
        return results;
    }

    private Result apply(SessionDurationChange change) {
        try {
            retrying(() -> client.updatePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(change.arn())
                    .sessionDuration(change.to())));
            PermissionSetProvisioningStatus status = retrying(() -> client.provisionPermissionSet(r -> r
                    .instanceArn(instanceArn).permissionSetArn(change.arn())
                    .targetType(ProvisionTargetType.ALL_PROVISIONED_ACCOUNTS)).permissionSetProvisioningStatus());
            long deadline = System.nanoTime() + settings.operationTimeout().toNanos();
            long delay = settings.pollInterval().toNanos();
            while (status.status() != StatusValues.SUCCEEDED && status.status() != StatusValues.FAILED) {
                if (System.nanoTime() > deadline) {
                    return new Result(change, false, "provisioning still IN_PROGRESS after " + settings.operationTimeout());
                }
                sleep(delay);
                delay = Math.min(delay * 2, settings.maxPollInterval().toNanos());
                String requestId = status.requestId();
                status = retrying(() -> client.describePermissionSetProvisioningStatus(r -> r.instanceArn(instanceArn)
                        .provisionPermissionSetRequestId(requestId)).permissionSetProvisioningStatus());
            }
            return status.status() == StatusValues.SUCCEEDED ? new Result(change, true, null)
                    : new Result(change, false, status.failureReason());
        } catch (RuntimeException e) {
            return new Result(change, false, AssignmentApplier.reason(e));
        }
    }

    private <T> T retrying(java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!AssignmentApplier.retryable(e) || attempt > settings.maxRetries()) {
                    throw e;
                }
                sleep(new Backoff(settings.retryBackoff(), settings.maxRetryBackoff(), false).after(attempt).toNanos());
            }
        }
    }

    private static boolean sameDuration(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        try {
            return a != null && b != null && Duration.parse(a).equals(Duration.parse(b));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
