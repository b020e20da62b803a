package io.scimbridge.resource;

import static io.scimbridge.testing.idp.ScimClient.scim;
import static io.scimbridge.testing.idp.ScimClient.scimError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBuilder;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The question an IdP asks before every create ("is userName x there?") is answered from memory
 * when the name was never stored ({@link KnownNames}); the answers must be the store's own through
 * creates, renames in any letter case, deletes and a restart.
 */
@QuarkusTest
@Tag("postgresql")
class ExistenceChecksTest {

    private final ScimClient azure = ScimClient.as("azure-existence");

    @Inject
    KnownNames names;

    @Inject
    DataSource dataSource;

    private int usersNamed(String userName) {
        return scim(azure.get("/Users", AzureAd.userExistsQuery(userName)), 200).extract().path("totalResults");
    }

    private int groupsNamed(String displayName) {
        return scim(azure.get("/Groups", AzureAd.groupExistsQuery(displayName)), 200).extract().path("totalResults");
    }

    @Test
    void azureAdChecksCreatesRenamesAndDeletesAUserAndAlwaysGetsTheStoresAnswer() {
        assertEquals(0, usersNamed("grace.existence@example.com"));

        String id = scim(azure.post("/Users", AzureAd.createUser(UserBuilder.user("Grace.Existence@example.com")
                .name("Grace", "Hopper"))), 201).extract().path("id");
        assertEquals(1, usersNamed("grace.existence@example.com"), "userName is compared in any letter case");
        assertEquals(1, usersNamed("GRACE.EXISTENCE@EXAMPLE.COM"));
        scimError(azure.post("/Users", AzureAd.createUser(UserBuilder.user("grace.existence@EXAMPLE.com"))), 409,
                "uniqueness");

        scim(azure.patch("/Users/" + id, AzureAd.patch(AzureAd.op("Replace", "userName",
                "grace.renamed@example.com"))), 200);
        assertEquals(1, usersNamed("Grace.Renamed@example.com"));
        assertEquals(0, usersNamed("grace.existence@example.com"), "the old name is free again");
        // and can be taken by a new user
        String second = scim(azure.post("/Users", AzureAd.createUser(UserBuilder.user("grace.existence@example.com"))),
                201).extract().path("id");
        assertNotEquals(id, second);

        azure.delete("/Users/" + id).then().statusCode(204);
        assertEquals(0, usersNamed("grace.renamed@example.com"));
        assertEquals(1, usersNamed("grace.existence@example.com"));
    }

    @Test
    void azureAdChecksAGroupByItsDisplayName() {
        assertEquals(0, groupsNamed("Existence Engineers"));
        scim(azure.post("/Groups", AzureAd.createGroup("Existence Engineers", "ext-existence")), 201);
        assertEquals(1, groupsNamed("existence engineers"));
        assertEquals(0, usersNamed("Existence Engineers"), "a group's name is not a user's");
        assertEquals(0, scim(ScimClient.as("okta-existence").get("/Groups",
                AzureAd.groupExistsQuery("Existence Engineers")), 200).extract().<Integer>path("totalResults"),
                "nor another source's");
    }

    @Test
    void namesStoredBeforeTheStartAreLoadedAndOnlyNeverStoredNamesAreCertainlyAbsent() throws Exception {
        scim(azure.post("/Users", AzureAd.createUser(UserBuilder.user("ada.before-restart@example.com"))), 201);
        KnownNames afterRestart = new KnownNames(dataSource);
        assertFalse(afterRestart.certainlyAbsent("azure-existence", ResourceType.USER, "nobody@example.com"),
                "nothing is certain before the names are loaded");

        afterRestart.load(null);

        assertFalse(afterRestart.certainlyAbsent("azure-existence", ResourceType.USER, "ada.before-restart@example.com"));
        boolean embedded;
        try (Connection c = dataSource.getConnection()) {
            embedded = "SQLite".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
        }
        // on PostgreSQL other replicas write too: there nothing is ever certain
        assertEquals(embedded, afterRestart.certainlyAbsent("azure-existence", ResourceType.USER, "nobody@example.com"));
        assertEquals(embedded, names.certainlyAbsent("azure-existence", ResourceType.USER, "nobody@example.com"));
        assertEquals(embedded, afterRestart.certainlyAbsent("another-source", ResourceType.USER,
                "ada.before-restart@example.com"));
        assertEquals(embedded, afterRestart.certainlyAbsent("azure-existence", ResourceType.GROUP,
                "ada.before-restart@example.com"));
    }

    @Test
    void fingerprintsTellSourcesTypesAndNamesApart() {
        long base = KnownNames.fingerprint("azure", "User", "ada@example.com");
        assertNotEquals(base, KnownNames.fingerprint("okta", "User", "ada@example.com"));
        assertNotEquals(base, KnownNames.fingerprint("azure", "Group", "ada@example.com"));
        assertNotEquals(base, KnownNames.fingerprint("azure", "User", "ada@example.co"));
        // the separator keeps the parts apart: ("ab", "c") is not ("a", "bc")
        assertNotEquals(KnownNames.fingerprint("ab", "User", "c"), KnownNames.fingerprint("a", "bUser", "c"));
        assertTrue(base == KnownNames.fingerprint("azure", "User", "ada@example.com"));
    }

    @Test
    void aFilterThatIsMoreThanTheNameGoesToTheStore() {
        scim(azure.post("/Users", AzureAd.createUser(UserBuilder.user("linus.existence@example.com").active(true))), 201);
        assertEquals(1, (int) scim(azure.get("/Users", Map.of("filter",
                "userName eq \"linus.existence@example.com\" and active eq true")), 200).extract().path("totalResults"));
        assertEquals(1, (int) scim(azure.get("/Users", Map.of("filter",
                "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"LINUS.existence@example.com\"")), 200)
                .extract().path("totalResults"));
    }
}
