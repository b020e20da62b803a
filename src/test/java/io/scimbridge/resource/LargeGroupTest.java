package io.scimbridge.resource;

import static io.scimbridge.testing.idp.Json.arr;
import static io.scimbridge.testing.idp.Json.obj;
import static io.scimbridge.testing.idp.ScimClient.scim;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimbridge.scim.ResourceType;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.Okta;
import io.scimbridge.testing.idp.ScimClient;

/**
 * A 10,000-member group: one PATCH adds them all, one removes half, Okta's full replace swaps
 * the halves; reads that exclude members never render them, and membership filters stay exact.
 * The users are seeded through the store in one transaction: 4-12 s, where 10,000 POSTs take
 * about 70 s (7 ms each, measured on H2) and are not what is under test here.
 */
@QuarkusTest
@Tag("postgresql")
class LargeGroupTest {

    private static final Logger LOG = Logger.getLogger(LargeGroupTest.class);
    private static final String SOURCE = "large-group";
    private static final int MEMBERS = 10_000;

    @Inject
    StoreProbe probe;

    private final ScimClient azure = ScimClient.as(SOURCE);

    @Test
    void tenThousandMembersInOneRequest() {
        long t0 = System.nanoTime();
        List<String> users = probe.seedUsers(SOURCE, MEMBERS, i -> obj("userName", String.format("m%05d@example.com", i),
                "displayName", "Member " + i, "active", true, "emails", arr(obj("value", String.format("m%05d@example.com", i),
                        "type", "work", "primary", true))));
        LOG.infof("seeded %d users in %d ms", MEMBERS, millisSince(t0));
        List<String> firstHalf = users.subList(0, MEMBERS / 2);
        List<String> secondHalf = users.subList(MEMBERS / 2, MEMBERS);

        String groupId = scim(azure.post("/Groups", AzureAd.createGroup("All Staff", "ext-all-staff")), 201)
                .extract().path("id");

        // -- one PATCH adds 10,000 members
        long t1 = System.nanoTime();
        azure.patch("/Groups/" + groupId, AzureAd.addMembers(users.toArray(String[]::new))).then().statusCode(204);
        LOG.infof("PATCH adding %d members: %d ms", MEMBERS, millisSince(t1));
        assertEquals(MEMBERS, probe.membershipRows(groupId));

        // -- reads that exclude members: the Azure existence check and a GET by id
        long t2 = System.nanoTime();
        scim(azure.get("/Groups/" + groupId, Map.of("excludedAttributes", "members")), 200)
                .body("displayName", equalTo("All Staff"))
                .body("$", not(hasKey("members")));
        LOG.infof("GET excludedAttributes=members: %d ms", millisSince(t2));
        scim(azure.get("/Groups", AzureAd.groupExistsQuery("All Staff")), 200)
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(groupId))
                .body("Resources[0]", not(hasKey("members")));
        scim(azure.get("/Groups", Map.of("excludedAttributes", "members")), 200)
                .body("Resources", hasSize(1)).body("Resources[0]", not(hasKey("members")));
        scim(azure.get("/Groups/" + groupId, Map.of("attributes", "displayName")), 200)
                .body("$", not(hasKey("members")));

        // -- one PATCH removes 5,000 (Azure's old dialect: exactly those listed)
        long t3 = System.nanoTime();
        azure.patch("/Groups/" + groupId, AzureAd.removeMembersOldDialect(firstHalf.toArray(String[]::new)))
                .then().statusCode(204);
        LOG.infof("PATCH removing %d members: %d ms", MEMBERS / 2, millisSince(t3));
        assertEquals(MEMBERS / 2, probe.membershipRows(groupId));

        long t4 = System.nanoTime();
        Response full = azure.get("/Groups/" + groupId);
        scim(full, 200).body("members", hasSize(MEMBERS / 2));
        LOG.infof("GET with %d members: %d ms", MEMBERS / 2, millisSince(t4));
        assertEquals(Set.copyOf(secondHalf), new HashSet<>(full.<List<String>>path("members.value")));

        // -- membership filters, both directions
        scim(azure.get("/Groups", Map.of("filter", "members[value eq \"" + secondHalf.get(17) + "\"]",
                "excludedAttributes", "members")), 200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(groupId));
        scim(azure.get("/Groups", Map.of("filter", "members[value eq \"" + firstHalf.get(17) + "\"]")), 200)
                .body("totalResults", equalTo(0));
        scim(azure.get("/Users", Map.of("filter", "groups[value eq \"" + groupId + "\"]", "count", "1")), 200)
                .body("totalResults", equalTo(MEMBERS / 2));
        scim(azure.get("/Users/" + secondHalf.get(0)), 200).body("groups.value", contains(groupId));
        scim(azure.get("/Users/" + firstHalf.get(0)), 200).body("$", not(hasKey("groups")));

        // -- count is clamped to filter.maxResults, whatever is asked
        int maxResults = azure.get("/ServiceProviderConfig").path("filter.maxResults");
        scim(azure.get("/Users", Map.of("count", "1000000")), 200)
                .body("totalResults", equalTo(MEMBERS)).body("itemsPerPage", equalTo(maxResults))
                .body("Resources", hasSize(maxResults));

        // -- Okta's full replace swaps the halves: a diff, one request
        Map<String, String> wanted = new LinkedHashMap<>();
        firstHalf.forEach(id -> wanted.put(id, "login"));
        long t5 = System.nanoTime();
        azure.patch("/Groups/" + groupId, Okta.patch(Okta.renameEcho(groupId, "All Staff"), Okta.replaceMembers(wanted)))
                .then().statusCode(204);
        LOG.infof("PATCH replacing %d members by %d others: %d ms", MEMBERS / 2, MEMBERS / 2, millisSince(t5));
        assertEquals(MEMBERS / 2, probe.membershipRows(groupId));
        scim(azure.get("/Groups", Map.of("filter", "members[value eq \"" + firstHalf.get(0) + "\"]")), 200)
                .body("totalResults", equalTo(1));
        scim(azure.get("/Groups", Map.of("filter", "members[value eq \"" + secondHalf.get(0) + "\"]")), 200)
                .body("totalResults", equalTo(0));

        // -- deleting the group removes its memberships and nothing else
        azure.delete("/Groups/" + groupId).then().statusCode(204);
        assertEquals(0, probe.membershipRows(groupId));
        assertEquals(MEMBERS, probe.resources(SOURCE, ResourceType.USER));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
