package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * Okta's provisioning cycle: creates with a password, profile updates as GET + full PUT,
 * deactivation as a path-less replace, and group push, whose occasional full replace of the
 * member list must reach Identity Center as explicit add/remove lists.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class OktaCycleScenarioTest extends ForwarderScenario {

    IdpConnection okta;

    @BeforeEach
    void connect() {
        okta = IdpConnection.okta();
    }

    @Test
    void profileUpdatesArePutsAndDeactivationIsAPathlessReplace() {
        String jane = okta.createUser(UserBody.okta("jane.doe@okta.example").name("Jane", "Doe").workEmail());
        awaitIdentityCenterMirrorsBridge();
        assertFalse(icUser("jane.doe@okta.example").attributes().has("password"), "passwords never reach AWS");

        // GET, then PUT the whole object back with a new title and family name
        ObjectNode current = okta.getUser(jane);
        okta.putUser(jane, UserBody.of(current).title("Staff Engineer").name("Jane", "Doe-Smith"));
        awaitIdentityCenterMirrorsBridge();
        assertEquals("Doe-Smith", icUser("jane.doe@okta.example").familyName());
        assertEquals("Staff Engineer", icUser("jane.doe@okta.example").attributes().path("title").asText());

        okta.patchUser(jane, PatchBody.okta().deactivate());
        eventually().until(() -> !icUser("jane.doe@okta.example").active());
        awaitIdentityCenterMirrorsBridge();

        // AIW apps reactivate with a PUT
        okta.putUser(jane, UserBody.of(okta.getUser(jane)).active(true));
        eventually().until(() -> icUser("jane.doe@okta.example").active());
        assertEquals(List.of(), refusedRequests());
    }

    @Test
    void groupPushFullReplaceOfMembersBecomesAddAndRemoveLists() {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            users.add(okta.createUser(UserBody.okta("user" + i + "@okta.example").name("User", "Number" + i).workEmail()));
        }
        String pushed = okta.createGroup(GroupBody.okta("Okta Pushed"));
        okta.patchGroup(pushed, PatchBody.okta().restateGroup(pushed, "Okta Pushed")
                .addMembers(users.get(0), users.get(1), users.get(2)));
        okta.patchGroup(pushed, PatchBody.okta().restateGroup(pushed, "Okta Pushed").removeMembers(users.get(0)));
        awaitIdentityCenterMirrorsBridge();
        assertEquals(Set.of("user2@okta.example", "user3@okta.example"), groupsInIdentityCenter().get("Okta Pushed"));

        // the full replace: keeps user3, drops user2, brings in users 4 to 6
        okta.patchGroup(pushed, PatchBody.okta().restateGroup(pushed, "Okta Pushed")
                .replaceMembers(users.subList(2, 6)));
        awaitIdentityCenterMirrorsBridge();
        assertEquals(Set.of("user3@okta.example", "user4@okta.example", "user5@okta.example", "user6@okta.example"),
                groupsInIdentityCenter().get("Okta Pushed"));
        assertEquals(List.of(), refusedRequests(), "Identity Center refuses a replace of all members: none was sent");
        assertTrue(identityCenter.operationCount("PatchGroup") >= 3);

        // unlink with delete
        okta.deleteGroup(pushed);
        awaitIdentityCenterMirrorsBridge();
        assertEquals(List.of(), identityCenter.groups());
        assertEquals(6, identityCenter.users().size(), "Okta never deletes users");
    }
}
