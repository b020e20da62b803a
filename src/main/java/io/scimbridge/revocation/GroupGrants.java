package io.scimbridge.revocation;

import io.scimbridge.assignments.Assignment;
import io.scimbridge.assignments.AssignmentCoordinator;
import io.scimbridge.assignments.ManagedAssignmentStore;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.rules.AssignmentRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a group gives, as far as the bridge knows without asking AWS (delivery is waiting): the
 * permission sets of the account assignments it manages for the group (table
 * {@code managed_assignment}, each with the rule that created it). Assignments made by hand or by
 * other tools are not known here.
 */
@ApplicationScoped
public class GroupGrants {

    private final AssignmentCoordinator assignments;
    private final ManagedAssignmentStore managed;
    private final ShadowStore shadows;

    public GroupGrants(AssignmentCoordinator assignments, ManagedAssignmentStore managed, ShadowStore shadows) {
        this.assignments = assignments;
        this.managed = managed;
        this.shadows = shadows;
    }

    /**
     * The permission sets whose sessions end when a member leaves the group: those of its managed
     * assignments whose rule, in the rules file in force, says {@code revokeOnGroupRemoval: true}.
     */
    Set<String> revokedOnRemoval(String groupIcId) {
        Set<String> revoking = assignments.assignmentRules().rules().stream()
                .filter(AssignmentRule::revokeOnGroupRemoval).map(AssignmentRule::name).collect(Collectors.toSet());
        if (revoking.isEmpty()) {
            return Set.of();
        }
        return managed.ofGroups(Set.of(groupIcId)).entrySet().stream().filter(e -> revoking.contains(e.getValue()))
                .map(e -> e.getKey().permissionSetArn()).collect(Collectors.toSet());
    }

    /** Every permission set the group's managed assignments grant, whatever their rule. */
    Set<String> grantedBy(String groupIcId) {
        return permissionSets(managed.ofGroups(Set.of(groupIcId)));
    }

    /**
     * The permission sets the member still gets through the other groups Identity Center may hold
     * it in (in flight counts: better to leave a session alive for a while than to deny access the
     * user still has).
     */
    Set<String> stillGranted(String memberId, String leftGroupId) {
        return permissionSets(managed.ofGroups(shadows.groupIcIdsOf(memberId, leftGroupId)));
    }

    private static Set<String> permissionSets(Map<Assignment, String> assignments) {
        return assignments.keySet().stream().map(Assignment::permissionSetArn).collect(Collectors.toSet());
    }
}
