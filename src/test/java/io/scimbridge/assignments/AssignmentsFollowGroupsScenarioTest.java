package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.aws.emulator.EmulatorCredentials;
import io.scimbridge.aws.emulator.OrganizationTree;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import io.scimbridge.aws.emulator.SsoAssignment;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * Azure AD pushes a group the assignment rules name: once the group exists in Identity Center,
 * the bridge assigns it the permission set in both accounts by itself; when Azure AD deletes the
 * group, the bridge removes the assignments it made and leaves the one made by hand.
 */
@QuarkusTest
@ExtendWith(EmulatorCredentials.class)
@TestProfile(AssignmentsProfile.class)
class AssignmentsFollowGroupsScenarioTest extends ForwarderScenario {

    private SsoAdminEmulator sso;
    private String administratorAccess;

    @BeforeEach
    void anOrganisationWithAPermissionSet() {
        sso = aws.ssoAdmin();
        OrganizationTree tree = aws.organizations().tree();
        tree.seedAccount("111111111111", "shared", tree.rootId());
        tree.seedAccount("222222222222", "workload", tree.rootId());
        administratorAccess = sso.seedPermissionSet("AdministratorAccess");
    }

    @Test
    void assignmentsFollowTheGroupInAndOut() {
        IdpConnection azure = IdpConnection.azure();
        String group = azure.createGroup(GroupBody.azure("aws-platform-admins"));
        awaitIdentityCenterMirrorsBridge();
        String byHand = identityCenter.state().insertGroup("break-glass", null).id();
        sso.seedAssignment(administratorAccess, "111111111111", "GROUP", byHand);
        String groupIcId = identityCenter.groupByDisplayName("aws-platform-admins").orElseThrow().id();
        eventually().untilAsserted(() -> assertEquals(Set.of("111111111111", "222222222222"), accountsOf(groupIcId)));

        azure.deleteGroup(group);
        eventually().untilAsserted(() -> assertEquals(Set.of(), accountsOf(groupIcId)));
        assertEquals(Set.of("111111111111"), accountsOf(byHand), "the assignment made by hand is untouched");
    }

    private Set<String> accountsOf(String principalId) {
        return sso.assignments().stream().filter(a -> a.principalId().equals(principalId))
                .map(SsoAssignment::accountId).collect(Collectors.toSet());
    }
}
