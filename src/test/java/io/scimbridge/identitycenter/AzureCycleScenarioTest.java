package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.emulator.StoredUser;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.Json;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * Azure AD's provisioning cycle, as its SCIM client runs it (existence check, create, member
 * PATCHes, soft then hard delete), checked on what the Identity Center emulator ends up holding.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class AzureCycleScenarioTest extends ForwarderScenario {

    IdpConnection azure;

    @BeforeEach
    void connect() {
        azure = IdpConnection.azure();
    }

    @Test
    void usersAndGroupsArriveInIdentityCentersDialect() {
        assertEquals(0, azure.countUsers("adele.vance@contoso.com"));
        String adele = azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance")
                .displayName("Adele Vance").workEmail().email("home", "adele@home.example", false)
                .phone("work", "+1 425 555 0100").phone("mobile", "+1 425 555 0101")
                .title("Retail Manager").department("Retail"));
        // an Azure AD service account: no names at all
        String backup = azure.createUser(UserBody.azure("svc-backup@contoso.com").workEmail());
        String engineers = azure.createGroup(GroupBody.azure("Contoso Engineers"));
        azure.patchGroup(engineers, PatchBody.azure().addMembers(adele, backup));

        awaitIdentityCenterMirrorsBridge();
        StoredUser icAdele = icUser("adele.vance@contoso.com");
        assertEquals(Optional.of("adele.vance@contoso.com"), icAdele.email(), "the work email, not the home one");
        assertEquals(1, icAdele.attributes().get("emails").size(), "one email only");
        assertTrue(icAdele.attributes().at("/emails/0/primary").asBoolean(), "the email is marked primary");
        assertEquals(1, icAdele.attributes().get("phoneNumbers").size(), "one phone number only");
        assertEquals("Retail", icAdele.attributes().path(StoredUser.ENTERPRISE).path("department").asText());
        StoredUser icBackup = icUser("svc-backup@contoso.com");
        assertEquals("Svc", icBackup.givenName());
        assertEquals("Backup", icBackup.familyName());
        assertEquals("Svc Backup", icBackup.displayName());
        assertEquals(Set.of(icAdele.id(), icBackup.id()), Set.copyOf(identityCenter.members(
                identityCenter.groupByDisplayName("Contoso Engineers").orElseThrow().id())));
        assertEquals(List.of(), refusedRequests());
    }

    @Test
    void deactivationDeletionRenameAndGroupDeletionReachIdentityCenter() {
        String adele = azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail());
        String grady = azure.createUser(UserBody.azure("grady.archie@contoso.com").name("Grady", "Archie").workEmail());
        String engineers = azure.createGroup(GroupBody.azure("Contoso Engineers"));
        azure.patchGroup(engineers, PatchBody.azure().addMembers(adele, grady));
        awaitIdentityCenterMirrorsBridge();
        String adeleIcId = icUser("adele.vance@contoso.com").id();

        // soft delete, in the old dialect: the string "False"
        azure.patchUser(adele, PatchBody.azure().deactivate());
        eventually().until(() -> !icUser("adele.vance@contoso.com").active());
        // several attributes in one path-less Replace, with dotted keys
        azure.patchUser(grady, PatchBody.azure().replace(Json.obj()
                .put("displayName", "Grady A. Archie").put("name.givenName", "Grady A.").put("title", "Designer")));
        // the new member-removal dialect, then a rename
        azure.patchGroup(engineers, PatchBody.azure().remove("members[value eq \"" + grady + "\"]"));
        azure.patchGroup(engineers, PatchBody.azure().replace("displayName", "Contoso Engineering"));
        awaitIdentityCenterMirrorsBridge();
        assertEquals("Grady A.", icUser("grady.archie@contoso.com").givenName());
        assertEquals(Set.of("adele.vance@contoso.com"), groupsInIdentityCenter().get("Contoso Engineering"));

        // hard delete of the user, then of the group
        azure.deleteUser(adele);
        awaitIdentityCenterMirrorsBridge();
        assertFalse(identityCenter.user(adeleIcId).isPresent(), "deleted user gone from Identity Center");
        azure.deleteGroup(engineers);
        awaitIdentityCenterMirrorsBridge();
        assertEquals(List.of(), identityCenter.groups());
        assertEquals(1, identityCenter.users().size());
        assertEquals(List.of(), refusedRequests());
    }
}
