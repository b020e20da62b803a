package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
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
 * Identity Center misbehaving the way it does under load and during incidents: throttling with
 * Retry-After, a 5xx outage, answers that come too late, dropped connections. Whatever happens,
 * every write the bridge accepted ends up in Identity Center exactly once.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class FaultsScenarioTest extends ForwarderScenario {

    IdpConnection azure;

    @BeforeEach
    void connect() {
        azure = IdpConnection.azure();
    }

    @Test
    void twoHundredWritesThroughA429StormAndAnOutageConvergeWithNothingLostOrDuplicated() {
        // the storm: a burst of throttling, then Identity Center's documented ~20 TPS against a
        // bridge allowed to send 300/s
        identityCenter.throttleNext(30, Duration.ofSeconds(1));
        identityCenter.setRateLimit(20);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            users.add(azure.createUser(UserBody.azure("storm" + i + "@contoso.com").name("Storm", "User" + i).workEmail()));
        }
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            String group = azure.createGroup(GroupBody.azure("Storm group " + groups.size()));
            groups.add(group);
            int first = g * 20;
            azure.patchGroup(group, PatchBody.azure().addMembers(users.subList(first, first + 20)));
        }
        for (int i = 0; i < 12; i++) {
            String user = users.get(i);
            azure.patchUser(user, PatchBody.azure().replace("title", "Weathering the storm"));
        }
        assertEquals(100, azure.writes());

        // then the outage, while the bridge keeps accepting writes
        identityCenter.outage(true);
        for (int i = 80; i < 120; i++) {
            users.add(azure.createUser(UserBody.azure("outage" + users.size() + "@contoso.com").workEmail()));
        }
        for (int i = 0; i < 30; i++) {
            String user = users.get(20 + i);
            azure.patchUser(user, PatchBody.azure().replace("title", "Written during the outage"));
        }
        for (int i = 0; i < 15; i++) {
            String user = users.get(50 + i);
            azure.patchUser(user, PatchBody.azure().replace("active", false));
        }
        for (int i = 0; i < 10; i++) {
            String user = users.get(65 + i);
            azure.deleteUser(user);
        }
        for (int g = 0; g < 4; g++) {
            String group = groups.get(g);
            azure.patchGroup(group, PatchBody.azure().addMembers(users.subList(80 + g * 10, 90 + g * 10)));
        }
        azure.patchGroup(groups.get(0), PatchBody.azure().replace("displayName", "Renamed during the outage"));
        assertEquals(200, azure.writes());
        eventually().until(() -> identityCenter.requestLog().entries().stream().filter(r -> r.status() == 503).count() >= 20);
        identityCenter.outage(false);

        awaitIdentityCenterMirrorsBridge(Duration.ofSeconds(120));
        assertEquals(110, identityCenter.users().size(), "120 created, 10 deleted");
        assertEquals(4, identityCenter.groups().size());
        // users deleted before the outage ended may never have reached Identity Center at all
        long created = identityCenter.requestLog().entries("CreateUser").stream().filter(r -> r.status() == 201).count();
        assertTrue(created >= 110 && created <= 120, "no user created twice: " + created + " creates");
        assertEquals(4, identityCenter.requestLog().entries("CreateGroup").stream().filter(r -> r.status() == 201).count(),
                "each group created exactly once");
        assertTrue(identityCenter.requestLog().entries().stream().filter(r -> r.status() == 429).count() >= 30,
                "the storm happened: " + requestsByOperationAndStatus());
    }

    @Test
    void answersThatArriveTooLateAreAppliedOnceAndAdoptedOnRetry() {
        // Identity Center applies each request, but answers after the bridge stopped waiting (2 s)
        identityCenter.delayResponses(Duration.ofSeconds(3));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(azure.createUser(UserBody.azure("late" + i + "@contoso.com").name("Late", "Answer" + i).workEmail()));
        }
        String group = azure.createGroup(GroupBody.azure("Late answers"));
        azure.patchGroup(group, PatchBody.azure().addMembers(users));
        eventually().until(() -> identityCenter.users().size() == 5 && identityCenter.groups().size() == 1);
        identityCenter.delayResponses(Duration.ZERO);

        awaitIdentityCenterMirrorsBridge();
        // requests still held back by the emulator land now: nothing may change any more (and the
        // next test must not receive them)
        eventually(Duration.ofSeconds(15)).during(Duration.ofSeconds(4))
                .until(() -> identityCenter.users().size() == 5 && identityCenter.groups().size() == 1
                        && identityCenter.members(identityCenter.groups().getFirst().id()).size() == 5);
        assertEquals(5, identityCenter.requestLog().entries("CreateUser").stream().filter(r -> r.status() == 201).count());
        // the creates were recorded in flight under their userName: the retry looks the user up
        // first and adopts it (before, it sent the create again and adopted on the 409)
        assertTrue(identityCenter.requestLog().entries("ListUsers").stream().anyMatch(r -> r.status() == 200),
                "a retried create found the user already there and adopted it: " + requestsByOperationAndStatus());
    }

    @Test
    void droppedConnectionsAndServerErrorsAreRetried() {
        identityCenter.dropNextConnections(3);
        identityCenter.failNext(3, 500);
        List<String> users = IntStream.range(0, 5)
                .mapToObj(i -> azure.createUser(UserBody.azure("dropped" + i + "@contoso.com").workEmail())).toList();
        String group = azure.createGroup(GroupBody.azure("Dropped"));
        azure.patchGroup(group, PatchBody.azure().addMembers(users));

        awaitIdentityCenterMirrorsBridge();
        assertEquals(3, identityCenter.requestLog().entries().stream().filter(r -> r.status() == 0).count());
        assertEquals(3, identityCenter.requestLog().entries().stream().filter(r -> r.status() == 500).count());
    }
}
