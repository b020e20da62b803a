package io.scimbridge.iamusers;

import io.scimbridge.audit.AuditOperation;
import io.scimbridge.audit.BridgeActions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The IAM calls of each stage for one user, each one recorded in the audit log (source
 * {@value #SOURCE}, resource type {@value #RESOURCE_TYPE}, resource id the account, name
 * {@code ACCOUNT/NAME}), with what undoes it.
 */
final class IamUserActions {

    static final String SOURCE = "bridge";
    static final String RESOURCE_TYPE = "IamUser";

    private final IamClient iam;
    private final BridgeActions audit;
    private final String accountId;
    private final String userName;

    IamUserActions(IamClient iam, BridgeActions audit, String accountId, String userName) {
        this.iam = iam;
        this.audit = audit;
        this.accountId = accountId;
        this.userName = userName;
    }

    /** Stage 1. Returns the keys it made Inactive and whether it deleted a password. */
    List<String> disable(List<String> keys, boolean deletePassword) {
        List<String> done = new ArrayList<>();
        for (String key : keys) {
            iam.updateAccessKey(r -> r.userName(userName).accessKeyId(key).status(StatusType.INACTIVE));
            done.add(key);
            record(AuditOperation.DISABLE, "stage 1: access key " + key + " Active -> Inactive",
                    "undo: iam-users restore " + accountId + "/" + userName);
        }
        if (deletePassword) {
            try {
                iam.deleteLoginProfile(r -> r.userName(userName));
                record(AuditOperation.DISABLE, "stage 1: console password (login profile) deleted",
                        "undo: a new password (aws iam create-login-profile); the old one cannot be restored");
            } catch (NoSuchEntityException e) {
                // gone already: nothing to record
            }
        }
        return done;
    }

    /** Re-activates the keys stage 1 made Inactive; keys deleted since are skipped. */
    List<String> restore(List<String> keys) {
        List<String> restored = new ArrayList<>();
        for (String key : keys) {
            try {
                iam.updateAccessKey(r -> r.userName(userName).accessKeyId(key).status(StatusType.ACTIVE));
                restored.add(key);
                record(AuditOperation.RESTORE, "access key " + key + " Inactive -> Active");
            } catch (NoSuchEntityException e) {
                record(AuditOperation.RESTORE, "access key " + key + " no longer exists: not restored");
            }
        }
        return restored;
    }

    /**
     * Stage 2: what DeleteUser requires removed (API reference: password, access keys, signing
     * certificates, SSH public keys, service-specific credentials, MFA devices, inline policies,
     * attached policies, group memberships), then DeleteUser. Each removal is audited with what it
     * removed, for the record (none of it can be undone by the bridge).
     */
    void delete() {
        try {
            iam.deleteLoginProfile(r -> r.userName(userName));
            record(AuditOperation.DELETE, "stage 2: console password deleted");
        } catch (NoSuchEntityException e) {
            // none (stage 1 deleted it)
        }
        for (AccessKeyMetadata key : iam.listAccessKeysPaginator(r -> r.userName(userName)).accessKeyMetadata()) {
            iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId()));
            record(AuditOperation.DELETE, "stage 2: access key " + key.accessKeyId() + " (" + key.statusAsString() + ") deleted");
        }
        for (var cert : iam.listSigningCertificatesPaginator(r -> r.userName(userName)).certificates()) {
            iam.deleteSigningCertificate(r -> r.userName(userName).certificateId(cert.certificateId()));
            record(AuditOperation.DELETE, "stage 2: signing certificate " + cert.certificateId() + " deleted");
        }
        for (var key : iam.listSSHPublicKeysPaginator(r -> r.userName(userName)).sshPublicKeys()) {
            iam.deleteSSHPublicKey(r -> r.userName(userName).sshPublicKeyId(key.sshPublicKeyId()));
            record(AuditOperation.DELETE, "stage 2: SSH public key " + key.sshPublicKeyId() + " deleted");
        }
        for (var credential : iam.listServiceSpecificCredentials(r -> r.userName(userName)).serviceSpecificCredentials()) {
            iam.deleteServiceSpecificCredential(r -> r.userName(userName)
                    .serviceSpecificCredentialId(credential.serviceSpecificCredentialId()));
            record(AuditOperation.DELETE, "stage 2: service-specific credential " + credential.serviceSpecificCredentialId()
                    + " (" + credential.serviceName() + ") deleted");
        }
        for (var device : iam.listMFADevicesPaginator(r -> r.userName(userName)).mfaDevices()) {
            iam.deactivateMFADevice(r -> r.userName(userName).serialNumber(device.serialNumber()));
            record(AuditOperation.DELETE, "stage 2: MFA device " + device.serialNumber() + " deactivated");
        }
        for (String policy : iam.listUserPoliciesPaginator(r -> r.userName(userName)).policyNames()) {
            iam.deleteUserPolicy(r -> r.userName(userName).policyName(policy));
            record(AuditOperation.DELETE, "stage 2: inline policy " + policy + " deleted");
        }
        for (var policy : iam.listAttachedUserPoliciesPaginator(r -> r.userName(userName)).attachedPolicies()) {
            iam.detachUserPolicy(r -> r.userName(userName).policyArn(policy.policyArn()));
            record(AuditOperation.DELETE, "stage 2: policy " + policy.policyArn() + " detached");
        }
        for (var group : iam.listGroupsForUserPaginator(r -> r.userName(userName)).groups()) {
            iam.removeUserFromGroup(r -> r.userName(userName).groupName(group.groupName()));
            record(AuditOperation.DELETE, "stage 2: removed from group " + group.groupName());
        }
        iam.deleteUser(r -> r.userName(userName));
        record(AuditOperation.DELETE, "stage 2: IAM user deleted");
    }

    private void record(AuditOperation operation, String... details) {
        audit.record(SOURCE, operation, RESOURCE_TYPE, accountId, accountId + "/" + userName, List.of(details));
    }
}
