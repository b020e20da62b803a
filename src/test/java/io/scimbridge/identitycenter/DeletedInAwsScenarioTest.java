package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * A user deleted directly in the AWS console, met by the next delivery (404 on update): it is
 * created again, and what AWS dropped with it (its memberships, its reports' manager) follows.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class DeletedInAwsScenarioTest extends ForwarderScenario {

    @Test
    void aUserDeletedInAwsIsCreatedAgainWithItsGroupsAndItsReportsManager() {
        IdpConnection azure = IdpConnection.azure();
        String boss = azure.createUser(UserBody.azure("boss@contoso.com").name("Big", "Boss").workEmail());
        String report = azure.createUser(UserBody.azure("report@contoso.com").name("Re", "Port").workEmail().manager(boss));
        String team = azure.createGroup(GroupBody.azure("Team"));
        azure.patchGroup(team, PatchBody.azure().addMembers(boss, report));
        awaitIdentityCenterMirrorsBridge();
        String deletedId = icUser("boss@contoso.com").id();

        identityCenter.state().deleteUser(deletedId); // in the AWS console
        azure.patchUser(boss, PatchBody.azure().replace("title", "Back again"));

        awaitIdentityCenterMirrorsBridge();
        String newId = icUser("boss@contoso.com").id();
        assertNotEquals(deletedId, newId);
        assertEquals(Optional.of(newId), icUser("report@contoso.com").managerId());
        assertEquals(Set.of("boss@contoso.com", "report@contoso.com"), groupsInIdentityCenter().get("Team"));
        assertEquals(List.of("PutUser 404"), refusedRequests().stream().map(r -> r.operation() + " " + r.status()).toList());
    }

    @Test
    void aGroupDeletedInAwsIsCreatedAgainWithItsMembersAtItsNextChange() {
        IdpConnection azure = IdpConnection.azure();
        String ann = azure.createUser(UserBody.azure("ann@contoso.com").name("Ann", "Ames").workEmail());
        String team = azure.createGroup(GroupBody.azure("Ops"));
        azure.patchGroup(team, PatchBody.azure().addMembers(ann));
        awaitIdentityCenterMirrorsBridge();
        String deletedId = identityCenter.groupByDisplayName("Ops").orElseThrow().id();

        identityCenter.state().deleteGroup(deletedId); // in the AWS console
        azure.patchGroup(team, PatchBody.azure().replace("displayName", "Operations"));

        awaitIdentityCenterMirrorsBridge();
        assertNotEquals(deletedId, identityCenter.groupByDisplayName("Operations").orElseThrow().id());
        assertEquals(Set.of("ann@contoso.com"), groupsInIdentityCenter().get("Operations"));
    }
}
