package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.emulator.StoredGroup;
import io.scimbridge.identitycenter.emulator.StoredUser;
import io.scimbridge.identitycenter.emulator.UserSeed;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import java.time.Duration;
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
 * The bridge put in front of an Identity Center that was provisioned directly before: what is
 * already there is adopted (409 on create, look-up, take over), never duplicated; and an
 * Identity Center resource that another bridge resource already owns ends as a dead letter with
 * the reason, never shared.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class AdoptionScenarioTest extends ForwarderScenario {

    @Test
    void usersAndGroupsAlreadyInIdentityCenterAreAdopted() {
        StoredUser seededAlice = identityCenter.seedUser(UserSeed.of("alice@contoso.com").withNames("Alice", "Old", "Alice Old"));
        StoredUser seededBob = identityCenter.seedUser(UserSeed.of("BOB@contoso.com"));
        StoredGroup seededGroup = identityCenter.seedGroup("engineering"); // typed by hand in the console
        identityCenter.seedMember(seededGroup.id(), seededAlice.id());

        IdpConnection azure = IdpConnection.azure();
        String alice = azure.createUser(UserBody.azure("alice@contoso.com").name("Alice", "Liddell").workEmail());
        String bob = azure.createUser(UserBody.azure("bob@contoso.com").name("Bob", "Builder").workEmail());
        String carol = azure.createUser(UserBody.azure("carol@contoso.com").name("Carol", "New").workEmail());
        GroupBody engineeringBody = GroupBody.azure("Engineering");
        String engineering = azure.createGroup(engineeringBody);
        azure.patchGroup(engineering, PatchBody.azure().addMembers(alice, bob, carol));

        awaitIdentityCenterMirrorsBridge();
        assertEquals(3, identityCenter.users().size(), "nothing duplicated");
        assertEquals(1, identityCenter.groups().size());
        assertEquals(Optional.of(seededAlice.id()), bridge.icIdOf(alice), "alice adopted under her existing id");
        assertEquals(Optional.of(seededBob.id()), bridge.icIdOf(bob), "userName matched in any letter case");
        assertEquals(Optional.of(seededGroup.id()), bridge.icIdOf(engineering));
        assertEquals("Liddell", icUser("alice@contoso.com").familyName(), "the adopted user now holds the bridge's state");
        assertEquals(Set.of("alice@contoso.com", "bob@contoso.com", "carol@contoso.com"),
                groupsInIdentityCenter().get("Engineering"));
        StoredGroup adoptedGroup = identityCenter.group(seededGroup.id()).orElseThrow();
        assertEquals("Engineering", adoptedGroup.displayName(), "the adopted group now holds the bridge's name");
        assertEquals(engineeringBody.json().path("externalId").asText(), adoptedGroup.externalId());
        // no 409 loop: one refused create per adopted resource, no more
        assertEquals(2, identityCenter.requestLog().entries("CreateUser").stream().filter(r -> r.status() == 409).count());
        assertEquals(1, identityCenter.requestLog().entries("CreateGroup").stream().filter(r -> r.status() == 409).count());
        assertEquals(3, identityCenter.requestLog().entries("CreateUser").size(), requestsByOperationAndStatus().toString());
    }

    @Test
    void anIdentityCenterUserOwnedByAnotherBridgeResourceIsADeadLetterNotShared() {
        IdpConnection azure = IdpConnection.azure();
        IdpConnection okta = IdpConnection.okta();
        String fromAzure = azure.createUser(UserBody.azure("dana@contoso.com").name("Dana", "Azure").workEmail());
        awaitIdentityCenterMirrorsBridgeFor("dana@contoso.com");
        // a second source provisions the same person: Identity Center has one userName space
        String fromOkta = okta.createUser(UserBody.okta("dana@contoso.com").name("Dana", "Okta").workEmail());
        String colleague = okta.createUser(UserBody.okta("eve@contoso.com").name("Eve", "Okta").workEmail());
        String team = okta.createGroup(GroupBody.okta("Okta team"));
        okta.patchGroup(team, PatchBody.okta().addMembers(fromOkta, colleague));

        eventually().until(() -> bridge.deadLetters().size() == 1 && bridge.queue().depth() == 0);
        OutboxQueue.Entry dead = bridge.deadLetters().getFirst();
        assertEquals(fromOkta, dead.resourceId());
        assertTrue(dead.lastError().contains("already belongs to bridge resource " + fromAzure), dead.lastError());
        assertEquals(2, identityCenter.users().size(), "dana not duplicated");
        assertEquals("Azure", icUser("dana@contoso.com").familyName(), "and not overwritten by the other source");
        assertEquals(Optional.empty(), bridge.icIdOf(fromOkta));
        assertEquals(Optional.of(icUser("dana@contoso.com").id()), bridge.icIdOf(fromAzure));
        assertEquals(Set.of("eve@contoso.com"), groupsInIdentityCenter().get("Okta team"),
                "the group does not wait for ever for a member that cannot be delivered");
    }

    private void awaitIdentityCenterMirrorsBridgeFor(String userName) {
        eventually(Duration.ofSeconds(30)).until(() -> identityCenter.userByUserName(userName).isPresent()
                && bridge.queue().depth() == 0);
    }
}
