package io.scimbridge.revocation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scimbridge.identitycenter.client.DryRunLog;
import java.util.List;
import java.util.Set;

/**
 * Dry-run: an Identity Center instance in memory with no permission set provisioned anywhere, so
 * mode permission-sets has nothing to change; a change it would send is recorded in the dry-run
 * log as {@code POST SWBExternalService.<Operation>}.
 */
final class RecordingPermissionSetGateway implements PermissionSetGateway {

    private final DryRunLog log;

    RecordingPermissionSetGateway(DryRunLog log) {
        this.log = log;
    }

    @Override
    public List<String> permissionSets() {
        return List.of();
    }

    @Override
    public List<String> provisionedAccounts(String permissionSetArn) {
        return List.of();
    }

    @Override
    public boolean outdatedSomewhere(String permissionSetArn) {
        return false;
    }

    @Override
    public Set<String> usersAssigned(String permissionSetArn, List<String> accounts) {
        return Set.of();
    }

    @Override
    public String inlinePolicy(String permissionSetArn) {
        return "";
    }

    @Override
    public void putInlinePolicy(String permissionSetArn, String policy) {
        log.record("POST", "SWBExternalService.PutInlinePolicyToPermissionSet", JsonNodeFactory.instance.objectNode()
                .put("PermissionSetArn", permissionSetArn).put("InlinePolicy", policy));
    }

    @Override
    public void deleteInlinePolicy(String permissionSetArn) {
        log.record("POST", "SWBExternalService.DeleteInlinePolicyFromPermissionSet", JsonNodeFactory.instance.objectNode()
                .put("PermissionSetArn", permissionSetArn));
    }

    @Override
    public Provisioned provision(String permissionSetArn) {
        log.record("POST", "SWBExternalService.ProvisionPermissionSet", JsonNodeFactory.instance.objectNode()
                .put("PermissionSetArn", permissionSetArn).put("TargetType", "ALL_PROVISIONED_ACCOUNTS"));
        return new Provisioned.Succeeded();
    }
}
