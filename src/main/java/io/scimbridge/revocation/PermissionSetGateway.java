package io.scimbridge.revocation;

import java.util.List;
import java.util.Set;

/**
 * The SSO Admin calls session revocation makes on permission sets, so that dry-run can record them
 * ({@link RecordingPermissionSetGateway}) and the real one sends them ({@link SdkPermissionSetGateway}).
 */
interface PermissionSetGateway {

    /** How a ProvisionPermissionSet ended: AWS's failure reason when it did not succeed. */
    sealed interface Provisioned {
        record Succeeded() implements Provisioned {
        }

        record Failed(String reason) implements Provisioned {
        }
    }

    /** Every permission set of the instance (ARNs). */
    List<String> permissionSets();

    /** The accounts the permission set is provisioned to (ListAccountsForProvisionedPermissionSet). */
    List<String> provisionedAccounts(String permissionSetArn);

    /** Whether some account holds a copy older than the set (ProvisioningStatus LATEST_PERMISSION_SET_NOT_PROVISIONED). */
    boolean outdatedSomewhere(String permissionSetArn);

    /**
     * The users assigned the set directly (principal type USER, not through a group) in any of
     * these accounts (ListAccountAssignments).
     */
    Set<String> usersAssigned(String permissionSetArn, List<String> accounts);

    /** The set's inline policy; an empty string when it has none (as AWS answers). */
    String inlinePolicy(String permissionSetArn);

    void putInlinePolicy(String permissionSetArn, String policy);

    void deleteInlinePolicy(String permissionSetArn);

    /** ProvisionPermissionSet to every account it is provisioned to, waited for (it is asynchronous). */
    Provisioned provision(String permissionSetArn);
}
