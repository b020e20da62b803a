package io.scimbridge.assignments;

import java.util.Objects;

/**
 * One account assignment inside an Identity Center instance: this principal may use this
 * permission set in this AWS account. The instance is implied by where the assignment is read or
 * applied.
 */
public record Assignment(String permissionSetArn, String accountId, PrincipalType principalType, String principalId) {

    public Assignment {
        Objects.requireNonNull(permissionSetArn, "permissionSetArn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(principalType, "principalType");
        Objects.requireNonNull(principalId, "principalId");
    }

    public static Assignment group(String permissionSetArn, String accountId, String groupId) {
        return new Assignment(permissionSetArn, accountId, PrincipalType.GROUP, groupId);
    }

    /** The (permission set, account) pair that ListAccountAssignments reads this assignment from. */
    public Target target() {
        return new Target(permissionSetArn, accountId);
    }

    /** A (permission set, account) pair: the unit SSO Admin lists assignments by. */
    public record Target(String permissionSetArn, String accountId) {
    }
}
