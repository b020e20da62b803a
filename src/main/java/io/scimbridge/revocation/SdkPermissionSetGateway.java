package io.scimbridge.revocation;

import io.scimbridge.assignments.AssignmentReader;
import io.scimbridge.pacing.Backoff;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignment;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSetProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.PrincipalType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisionTargetType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.StatusValues;

/**
 * SSO Admin through the SDK. Throttling is retried by the SDK's retry strategy; what is still
 * refused (a ConflictException while another provisioning of the set runs, say) fails the run,
 * which is retried. The instance is {@code bridge.identity-center.instance-arn}, else discovered
 * with ListInstances on first use.
 */
final class SdkPermissionSetGateway implements PermissionSetGateway {

    /** Provisioning takes seconds to a minute on AWS; past this the run reports it and the next one checks again. */
    private static final Duration PROVISIONING_TIMEOUT = Duration.ofMinutes(3);
    /** How often ProvisionPermissionSet's status is read: after 100 ms, doubling up to 2 s. */
    private static final Backoff POLLS = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), false);

    private final SsoAdminClient client;
    private final Optional<String> configuredInstance;
    private String instance;

    SdkPermissionSetGateway(SsoAdminClient client, Optional<String> configuredInstance) {
        this.client = client;
        this.configuredInstance = configuredInstance;
    }

    private synchronized String instance() {
        if (instance == null) {
            instance = configuredInstance.orElseGet(() -> AssignmentReader.discoverInstance(client).instanceArn());
        }
        return instance;
    }

    @Override
    public List<String> permissionSets() {
        return client.listPermissionSetsPaginator(r -> r.instanceArn(instance())).permissionSets().stream().toList();
    }

    @Override
    public List<String> provisionedAccounts(String permissionSetArn) {
        return client.listAccountsForProvisionedPermissionSetPaginator(r -> r.instanceArn(instance())
                .permissionSetArn(permissionSetArn)).accountIds().stream().toList();
    }

    @Override
    public boolean outdatedSomewhere(String permissionSetArn) {
        return !client.listAccountsForProvisionedPermissionSet(r -> r.instanceArn(instance())
                .permissionSetArn(permissionSetArn).maxResults(1)
                .provisioningStatus(ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED)).accountIds().isEmpty();
    }

    @Override
    public Set<String> usersAssigned(String permissionSetArn, List<String> accounts) {
        Set<String> users = new HashSet<>();
        for (String account : accounts) {
            for (AccountAssignment a : client.listAccountAssignmentsPaginator(r -> r.instanceArn(instance())
                    .accountId(account).permissionSetArn(permissionSetArn)).accountAssignments()) {
                if (a.principalType() == PrincipalType.USER) {
                    users.add(a.principalId());
                }
            }
        }
        return users;
    }

    @Override
    public String inlinePolicy(String permissionSetArn) {
        String policy = client.getInlinePolicyForPermissionSet(r -> r.instanceArn(instance())
                .permissionSetArn(permissionSetArn)).inlinePolicy();
        return policy == null ? "" : policy;
    }

    @Override
    public void putInlinePolicy(String permissionSetArn, String policy) {
        client.putInlinePolicyToPermissionSet(r -> r.instanceArn(instance()).permissionSetArn(permissionSetArn)
                .inlinePolicy(policy));
    }

    @Override
    public void deleteInlinePolicy(String permissionSetArn) {
        client.deleteInlinePolicyFromPermissionSet(r -> r.instanceArn(instance()).permissionSetArn(permissionSetArn));
    }

    @Override
    public Provisioned provision(String permissionSetArn) {
        PermissionSetProvisioningStatus status = client.provisionPermissionSet(r -> r.instanceArn(instance())
                .permissionSetArn(permissionSetArn).targetType(ProvisionTargetType.ALL_PROVISIONED_ACCOUNTS))
                .permissionSetProvisioningStatus();
        long deadline = System.nanoTime() + PROVISIONING_TIMEOUT.toNanos();
        int polls = 0;
        while (status.status() != StatusValues.SUCCEEDED && status.status() != StatusValues.FAILED) {
            if (System.nanoTime() > deadline) {
                return new Provisioned.Failed("still IN_PROGRESS after " + PROVISIONING_TIMEOUT);
            }
            sleep(POLLS.after(++polls));
            String requestId = status.requestId();
            status = client.describePermissionSetProvisioningStatus(r -> r.instanceArn(instance())
                    .provisionPermissionSetRequestId(requestId)).permissionSetProvisioningStatus();
        }
        return status.status() == StatusValues.SUCCEEDED ? new Provisioned.Succeeded()
                : new Provisioned.Failed(status.failureReason());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ProvisionPermissionSet", e);
        }
    }
}
