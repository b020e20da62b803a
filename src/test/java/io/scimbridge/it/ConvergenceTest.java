package io.scimbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.StoredUser;
import io.scimbridge.identitycenter.emulator.UserSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drills' judge must see what it is there to see: a lost, stale or extra resource, a duplicate. */
class ConvergenceTest {

    private final IdpLedger ledger = new IdpLedger();
    private IdentityCenterScimEmulator ic;

    @BeforeEach
    void start() {
        ic = IdentityCenterScimEmulator.start();
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void identityCenterHoldingWhatTheIdpSentIsConverged() {
        StoredUser ann = deliver(user("ann"));
        deliver(user("bob").deactivated());
        ledger.groupCreated("staff");
        ledger.membersAdded("staff", List.of("ann@example.com"));
        ic.seedMember(ic.seedGroup("staff").id(), ann.id());

        Convergence c = Convergence.of(ledger, ic);

        assertEquals(List.of(), c.mismatches());
        assertEquals(List.of(), c.duplicates());
    }

    @Test
    void aLostUserAStaleEmailAMissingMemberAndALeftoverAreMismatches() {
        ledger.userSent(user("lost"));
        IdpLedger.SentUser renamed = user("ann").renamed(2);
        ledger.userSent(renamed);
        seed(user("ann")); // the rename never arrived
        ledger.userDeleted("gone@example.com");
        seed(user("gone")); // the delete never arrived
        ledger.groupCreated("staff");
        ledger.membersAdded("staff", List.of("ann@example.com"));
        ic.seedGroup("staff"); // without its member

        Convergence c = Convergence.of(ledger, ic);

        assertEquals(4, c.mismatches().size(), c.summary());
        assertTrue(c.summary().contains("user lost@example.com missing"), c.summary());
    }

    @Test
    void aUserCreatedTwiceIsADuplicateEvenIfOnlyOneIsLeft() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"twice@example.com\","
                + "\"displayName\":\"Twice\",\"name\":{\"givenName\":\"T\",\"familyName\":\"Wice\"}}";
        String first = DrillIdp.JSON.readTree(send(http, "POST", "Users", body)).path("id").asText();
        send(http, "DELETE", "Users/" + first, null);
        send(http, "POST", "Users", body);

        assertEquals(List.of("CreateUser twice@example.com x2"), Convergence.of(ledger, ic).duplicates());
    }

    private static IdpLedger.SentUser user(String name) {
        return new IdpLedger.SentUser(name + "@example.com", "User " + name, "Given", "Family", name + "@example.com", true);
    }

    private StoredUser deliver(IdpLedger.SentUser u) {
        ledger.userSent(u);
        return seed(u);
    }

    private StoredUser seed(IdpLedger.SentUser u) {
        return ic.seedUser(UserSeed.of(u.userName()).withNames(u.givenName(), u.familyName(), u.displayName())
                .withEmail(u.email()).withActive(u.active()));
    }

    private String send(HttpClient http, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ic.url() + path))
                .header("Authorization", "Bearer " + ic.token()).header("Content-Type", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
