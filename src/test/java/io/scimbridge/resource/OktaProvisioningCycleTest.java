package io.scimbridge.resource;

import static io.scimbridge.testing.idp.ScimClient.scim;
import static io.scimbridge.testing.idp.ScimClient.scimError;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimbridge.scim.ResourceType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.Okta;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBuilder;

/**
 * An Okta provisioning cycle replayed request by request ({@code shared/docs/idp-clients.md}):
 * existence check, create with a password, duplicate, import paging, profile update by GET+PUT,
 * deactivation, and group push. Each source gets its own connection name so that the counts
 * asserted here are this scenario's alone.
 */
@QuarkusTest
@Tag("postgresql")
class OktaProvisioningCycleTest {

    private static final String PASSWORD = "1mz050nq-Sup3r-S3cret";

    @Inject
    StoreProbe probe;

    private final ScimClient okta = ScimClient.as("okta-cycle").withHeader("User-Agent", Okta.USER_AGENT);

    @Test
    void userLifecycleWithAWriteOnlyPassword() {
        UserBuilder isaac = UserBuilder.user("isaac.brock@example.com").name("Isaac", "Brock")
                .workEmail("isaac.brock@example.com").locale("en-US").active(true);

        // -- existence check: an empty page, integers not strings
        scim(okta.get("/Users", Okta.userExistsQuery("isaac.brock@example.com")), 200)
                .body("totalResults", equalTo(0))
                .body("startIndex", equalTo(1))
                .body("itemsPerPage", equalTo(0))
                .body("Resources", empty());

        // -- create with a password: accepted, never returned, never stored
        String id = scim(okta.post("/Users", Okta.createUser(isaac, "00ujl29u0le5T6Aj10h7", PASSWORD)), 201)
                .body("userName", equalTo("isaac.brock@example.com"))
                .body("externalId", equalTo("00ujl29u0le5T6Aj10h7"))
                .body("locale", equalTo("en-US"))
                .body("$", not(hasKey("password")))
                .body(not(containsString(PASSWORD)))
                .extract().path("id");
        okta.get("/Users/" + id).then().body("$", not(hasKey("password"))).body(not(containsString(PASSWORD)));
        okta.get("/Users/" + id, Map.of("attributes", "password,userName")).then()
                .body("$", not(hasKey("password"))).body("userName", equalTo("isaac.brock@example.com"));
        String stored = probe.storedDocument(id);
        assertFalse(stored.contains(PASSWORD), "the password reached scim_resource.document: " + stored);
        assertFalse(stored.toLowerCase().contains("password"), "a password attribute was stored: " + stored);
        assertFalse(probe.indexedStrings(id).contains(PASSWORD), "the password reached scim_attribute");
        scimError(okta.get("/Users", Map.of("filter", "password eq \"" + PASSWORD + "\"")), 400, "invalidFilter");

        // -- the existence check finds it now
        scim(okta.get("/Users", Okta.userExistsQuery("isaac.brock@example.com")), 200)
                .body("totalResults", equalTo(1)).body("itemsPerPage", equalTo(1))
                .body("Resources[0].id", equalTo(id));

        // -- a duplicate (in any letter case) is a 409 that stops the job cleanly, and changes nothing
        StoreProbe.Snapshot before = probe.snapshot("okta-cycle");
        scimError(okta.post("/Users", Okta.createUser(isaac, "00ujl29u0le5T6Aj10h8", PASSWORD)), 409, "uniqueness");
        scimError(okta.post("/Users", Okta.createUser(UserBuilder.user("Isaac.BROCK@Example.com").name("Isaac", "Brock"),
                "00ujl29u0le5T6Aj10h9", PASSWORD)), 409, "uniqueness");
        assertEquals(before, probe.snapshot("okta-cycle"));

        // -- profile update: GET, then PUT the full object back with changes (OIN apps)
        Response current = okta.get("/Users/" + id);
        ObjectNode full = (ObjectNode) ScimClient.tree(current);
        full.put("title", "Chief Brock");
        ((ObjectNode) full.get("name")).put("familyName", "Brock-Smith");
        full.put("password", "n3w-" + PASSWORD);
        scim(okta.put("/Users/" + id, full), 200)
                .body("title", equalTo("Chief Brock"))
                .body("name.familyName", equalTo("Brock-Smith"))
                .body("$", not(hasKey("password")))
                .header("ETag", not(equalTo(current.header("ETag"))));
        scim(okta.get("/Users/" + id), 200)
                .body("title", equalTo("Chief Brock"))
                .body("userName", equalTo("isaac.brock@example.com"))
                .body("emails[0].value", equalTo("isaac.brock@example.com"));
        assertFalse(probe.storedDocument(id).contains(PASSWORD));

        // -- deactivate: a path-less replace with {active:false}; Okta never DELETEs users
        scim(okta.patch("/Users/" + id, Okta.deactivate()), 200).body("active", equalTo(false));
        scim(okta.get("/Users/" + id), 200).body("active", equalTo(false)).body("title", equalTo("Chief Brock"));
        // AIW apps deactivate with a PUT carrying active:false
        ObjectNode again = (ObjectNode) ScimClient.tree(okta.get("/Users/" + id));
        again.put("active", true);
        scim(okta.put("/Users/" + id, again), 200).body("active", equalTo(true));
        again.put("active", false);
        scim(okta.put("/Users/" + id, again), 200).body("active", equalTo(false));
    }

    @Test
    void importPagesThroughAllUsersInAStableOrder() {
        ScimClient importer = ScimClient.as("okta-import").withHeader("User-Agent", Okta.USER_AGENT);
        for (int i = 0; i < 250; i++) {
            String login = String.format("user%03d@example.com", 249 - i); // created in reverse name order
            scim(importer.post("/Users", Okta.createUser(UserBuilder.user(login).name("User", "N" + i).workEmail(login),
                    "00u" + i, PASSWORD)), 201);
        }

        List<String> ids = new ArrayList<>();
        for (int[] page : new int[][] {{1, 100}, {101, 100}, {201, 50}}) {
            Response response = importer.get("/Users", Okta.importPage(page[0]));
            scim(response, 200)
                    .body("totalResults", instanceOf(Integer.class))
                    .body("totalResults", equalTo(250))
                    .body("startIndex", equalTo(page[0]))
                    .body("itemsPerPage", equalTo(page[1]))
                    .body("Resources", hasSize(page[1]))
                    .body("Resources[0]", not(hasKey("password")));
            ids.addAll(response.path("Resources.id"));
        }
        assertEquals(250, new HashSet<>(ids).size(), "pages overlap or skip users");
        assertEquals(250, probe.resources("okta-import", ResourceType.USER));
        // past the end: an empty page, still with the total
        scim(importer.get("/Users", Okta.importPage(301)), 200)
                .body("totalResults", equalTo(250)).body("itemsPerPage", equalTo(0)).body("Resources", empty());

        // the same pages again, after a change to one user: same order (stable, not by lastModified)
        scim(importer.patch("/Users/" + ids.get(0), Okta.deactivate()), 200);
        List<String> again = new ArrayList<>();
        for (int start : new int[] {1, 101, 201}) {
            again.addAll(importer.get("/Users", Okta.importPage(start)).path("Resources.id"));
        }
        assertEquals(ids, again);

        // sortBy keeps its promise too, with pages that still fit together
        List<String> byName = new ArrayList<>();
        for (int start : new int[] {1, 101, 201}) {
            byName.addAll(importer.get("/Users", Map.of("startIndex", start, "count", 100, "sortBy", "userName"))
                    .path("Resources.userName"));
        }
        assertEquals(250, byName.size());
        assertEquals("user000@example.com", byName.get(0));
        assertEquals("user249@example.com", byName.get(249));
        assertEquals(byName.stream().sorted().toList(), byName, "sortBy=userName is not sorted");
    }

    @Test
    void groupPush() {
        ScimClient push = ScimClient.as("okta-push").withHeader("User-Agent", Okta.USER_AGENT);
        Map<String, String> logins = new LinkedHashMap<>();
        for (String login : List.of("ann@example.com", "ben@example.com", "cat@example.com", "dan@example.com")) {
            logins.put(scim(push.post("/Users", Okta.createUser(UserBuilder.user(login).name("N", login), "00u-" + login,
                    PASSWORD)), 201).extract().path("id"), login);
        }
        List<String> ids = List.copyOf(logins.keySet());

        // -- POST with members: []
        String groupId = scim(push.post("/Groups", Okta.pushGroup("Engineering")), 201)
                .body("displayName", equalTo("Engineering"))
                .extract().path("id");
        scim(push.get("/Groups/" + groupId), 200).body("members", anyOf(nullValue(), empty()));

        // -- each membership update: the {id, displayName} echo plus the member operation
        push.patch("/Groups/" + groupId, Okta.patch(Okta.renameEcho(groupId, "Engineering"),
                Okta.addMember(ids.get(0), logins.get(ids.get(0))),
                Okta.addMember(ids.get(1), logins.get(ids.get(1))))).then().statusCode(204);
        scim(push.get("/Groups/" + groupId), 200)
                .body("displayName", equalTo("Engineering"))
                .body("members.value", containsInAnyOrder(ids.get(0), ids.get(1)));
        assertEquals(2, probe.membershipRows(groupId));

        push.patch("/Groups/" + groupId, Okta.patch(Okta.renameEcho(groupId, "Engineering"),
                Okta.removeMember(ids.get(0)))).then().statusCode(204);
        scim(push.get("/Groups/" + groupId), 200).body("members.value", contains(ids.get(1)));

        // -- a rename comes as the same echo with the new name
        push.patch("/Groups/" + groupId, Okta.patch(Okta.renameEcho(groupId, "Platform Engineering")))
                .then().statusCode(204);
        scim(push.get("/Groups", Map.of("filter", "displayName eq \"platform engineering\"")), 200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(groupId));

        // -- sometimes a full replace of the member list
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(ids.get(2), logins.get(ids.get(2)));
        wanted.put(ids.get(3), logins.get(ids.get(3)));
        push.patch("/Groups/" + groupId, Okta.patch(Okta.renameEcho(groupId, "Platform Engineering"),
                Okta.replaceMembers(wanted))).then().statusCode(204);
        scim(push.get("/Groups/" + groupId), 200)
                .body("displayName", equalTo("Platform Engineering"))
                .body("members.value", containsInAnyOrder(ids.get(2), ids.get(3)))
                .body("members.display", containsInAnyOrder("N cat@example.com", "N dan@example.com"));
        assertEquals(2, probe.membershipRows(groupId));
        scim(push.get("/Users/" + ids.get(2)), 200).body("groups.value", contains(groupId))
                .body("groups[0].display", equalTo("Platform Engineering"));
        scim(push.get("/Users/" + ids.get(1)), 200).body("$", not(hasKey("groups")));

        // -- an echo with another group's id is refused, and changes nothing
        StoreProbe.Snapshot before = probe.snapshot("okta-push");
        scimError(push.patch("/Groups/" + groupId, Okta.patch(Okta.renameEcho(ids.get(0), "Platform Engineering"),
                Okta.addMember(ids.get(0), "ann@example.com"))), 400, "mutability");
        assertEquals(before, probe.snapshot("okta-push"));

        // -- unlink with delete: the group goes, its users stay
        push.delete("/Groups/" + groupId).then().statusCode(204);
        scimError(push.get("/Groups/" + groupId), 404, null);
        assertEquals(0, probe.membershipRows(groupId));
        scim(push.get("/Users/" + ids.get(2)), 200).body("$", not(hasKey("groups")));
        assertEquals(4, probe.resources("okta-push", ResourceType.USER));
    }
}
