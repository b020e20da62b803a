package io.scimbridge.resource;

import static io.scimbridge.testing.idp.Json.obj;
import static io.scimbridge.testing.idp.ScimClient.scim;
import static io.scimbridge.testing.idp.ScimClient.scimError;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBuilder;

/**
 * An Azure AD (Entra ID) provisioning cycle replayed request by request, in the order the
 * provisioning service sends them ({@code shared/docs/idp-clients.md}). Every answer is checked,
 * and so is the state it leaves, by reading it back the way Azure would.
 */
@QuarkusTest
@Tag("postgresql")
class AzureAdProvisioningCycleTest {

    private static final String ENT = AzureAd.ENTERPRISE;

    private final ScimClient azure = ScimClient.as("azure-cycle");

    @Test
    void testConnectionFetchesRandomIdsAndGetsScimNotFound() {
        String randomId = UUID.randomUUID().toString();
        scimError(azure.get("/Users/" + randomId), 404, null);
        scimError(azure.get("/Groups/" + randomId), 404, null);
        // what the portal's "Test Connection" does next: an existence check that must list nothing
        scim(azure.get("/Users", AzureAd.userExistsQuery("nobody-" + randomId + "@contoso.com")), 200)
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(0))
                .body("Resources", empty());
    }

    @Test
    void userAndGroupLifecycle() {
        // -- the manager is provisioned first, with the minimum Azure maps
        String managerId = createUser(UserBuilder.user("megan@contoso.com").externalId(UUID.randomUUID().toString())
                .active(true).name("Megan", "Bowen").workEmail("megan@contoso.com"));

        // -- existence check, then create
        scim(azure.get("/Users", AzureAd.userExistsQuery("adele@contoso.com")), 200)
                .body("totalResults", equalTo(0)).body("Resources", empty());

        UserBuilder adele = UserBuilder.user("adele@contoso.com").externalId("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef")
                .active(true).name("Adele", "Vance").workEmail("adele@contoso.com").title("Retail Manager")
                .preferredLanguage("en-US")
                .workAddress("18 Microsoft Way", "Seattle", "WA", "98052", "US")
                .phone("work", "+1 425 555 0109").phone("mobile", "+1 425 555 0110").phone("fax", "+1 425 555 0111")
                .employeeNumber("1701").department("Retail").division("Sales").costCenter("CC-12")
                .organization("Contoso").manager(managerId);
        Response created = azure.post("/Users", AzureAd.createUser(adele));
        String userId = scim(created, 201)
                .header("Location", endsWith("/scim/v2/Users/" + created.path("id")))
                .header("ETag", notNullValue())
                .body("schemas", containsInAnyOrder(AzureAd.CORE_USER, ENT))
                .body("userName", equalTo("adele@contoso.com"))
                .body("externalId", equalTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"))
                .body("active", equalTo(true))
                .body("$", not(hasKey("roles"))) // roles: [] means "no roles"
                .body("meta.resourceType", equalTo("User"))
                .body("meta.location", endsWith("/Users/" + created.path("id")))
                .extract().path("id");

        Response read = azure.get("/Users/" + userId);
        scim(read, 200)
                .header("ETag", equalTo(read.path("meta.version")))
                .body("name.givenName", equalTo("Adele"))
                .body("name.familyName", equalTo("Vance"))
                .body("displayName", equalTo("Adele Vance"))
                .body("title", equalTo("Retail Manager"))
                .body("preferredLanguage", equalTo("en-US"))
                .body("emails", contains(Map.of("primary", true, "type", "work", "value", "adele@contoso.com")))
                .body("addresses[0].locality", equalTo("Seattle"))
                .body("addresses[0].postalCode", equalTo("98052"))
                .body("phoneNumbers.type", contains("work", "mobile", "fax"))
                .body("'" + ENT + "'.employeeNumber", equalTo("1701"))
                .body("'" + ENT + "'.department", equalTo("Retail"))
                .body("'" + ENT + "'.division", equalTo("Sales"))
                .body("'" + ENT + "'.costCenter", equalTo("CC-12"))
                .body("'" + ENT + "'.organization", equalTo("Contoso"))
                .body("'" + ENT + "'.manager.value", equalTo(managerId));

        // -- the next cycle's existence check finds it (userName matches in any letter case)
        scim(azure.get("/Users", AzureAd.userExistsQuery("Adele@Contoso.com")), 200)
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(userId));

        // -- group: existence check, create with the ADSCIM URN, existence check again
        scim(azure.get("/Groups", AzureAd.groupExistsQuery("Retail")), 200)
                .body("totalResults", equalTo(0)).body("Resources", empty());
        String groupId = scim(azure.post("/Groups", AzureAd.createGroup("Retail", "7a1e0c53-0f5d-4a1b-9f2e-5a4f7f9d1a22")), 201)
                .body("schemas", contains(AzureAd.CORE_GROUP)) // the unknown URN is tolerated, not echoed
                .body("displayName", equalTo("Retail"))
                .body("externalId", equalTo("7a1e0c53-0f5d-4a1b-9f2e-5a4f7f9d1a22"))
                .body("meta.resourceType", equalTo("Group"))
                .extract().path("id");
        scim(azure.get("/Groups", AzureAd.groupExistsQuery("retail")), 200)
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(groupId))
                .body("Resources[0]", not(hasKey("members")));

        // -- members are added by PATCH, with "$ref": null
        azure.patch("/Groups/" + groupId, AzureAd.addMembers(userId, managerId)).then().statusCode(204);
        scim(azure.get("/Groups/" + groupId), 200)
                .body("members.value", containsInAnyOrder(userId, managerId))
                .body("members.find { it.value == '" + userId + "' }.display", equalTo("Adele Vance"))
                .body("members.find { it.value == '" + userId + "' }.type", equalTo("User"));
        scim(azure.get("/Users/" + userId), 200).body("groups.value", contains(groupId));

        // -- the PATCH dialects on the user
        scim(azure.patch("/Users/" + userId, AzureAd.replaceActiveAsString(false)), 200).body("active", equalTo(false));
        scim(azure.patch("/Users/" + userId, AzureAd.replaceActiveAsString(true)), 200).body("active", equalTo(true));
        scim(azure.get("/Users/" + userId), 200).body("active", equalTo(true));

        scim(azure.patch("/Users/" + userId, AzureAd.replaceWithoutPath(obj(
                "displayName", "Adele V.", "name.givenName", "Adèle", "name.familyName", "Vance-Smith",
                "title", "Store Manager"))), 200);
        scim(azure.get("/Users/" + userId), 200)
                .body("displayName", equalTo("Adele V."))
                .body("name.givenName", equalTo("Adèle"))
                .body("name.familyName", equalTo("Vance-Smith"))
                .body("name.formatted", equalTo("Adele Vance")) // untouched sub-attributes stay
                .body("title", equalTo("Store Manager"));

        scim(azure.patch("/Users/" + userId, AzureAd.replace("emails[type eq \"work\"].value", "adele.vance@contoso.com")), 200);
        scim(azure.patch("/Users/" + userId, AzureAd.replace("phoneNumbers[type eq \"mobile\"].value", "+1 425 555 0199")), 200);
        scim(azure.patch("/Users/" + userId, AzureAd.replace("addresses[type eq \"work\"].postalCode", "98053")), 200);
        scim(azure.get("/Users/" + userId), 200)
                .body("emails", contains(Map.of("primary", true, "type", "work", "value", "adele.vance@contoso.com")))
                .body("phoneNumbers.find { it.type == 'mobile' }.value", equalTo("+1 425 555 0199"))
                .body("phoneNumbers.find { it.type == 'work' }.value", equalTo("+1 425 555 0109"))
                .body("addresses[0].postalCode", equalTo("98053"))
                .body("addresses[0].locality", equalTo("Seattle"));
        scim(azure.get("/Users", Map.of("filter", "emails[type eq \"work\" and value eq \"ADELE.VANCE@contoso.com\"]")), 200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(userId));

        // value-filter paths that name an element the user does not have yet create it
        scim(azure.patch("/Users/" + managerId, AzureAd.add("addresses[type eq \"work\"].locality", "Redmond")), 200)
                .body("addresses", contains(Map.of("type", "work", "locality", "Redmond")));
        scim(azure.patch("/Users/" + managerId, AzureAd.replace("phoneNumbers[type eq \"mobile\"].value", "+1 425 555 0120")), 200)
                .body("phoneNumbers", contains(Map.of("type", "mobile", "value", "+1 425 555 0120")));
        scim(azure.get("/Users/" + managerId), 200)
                .body("addresses[0].locality", equalTo("Redmond"))
                .body("phoneNumbers[0].value", equalTo("+1 425 555 0120"));

        // manager: removed with a pathful Remove and no value, then set again as a bare id
        scim(azure.patch("/Users/" + userId, AzureAd.removeManager()), 200)
                .body("'" + ENT + "'.manager", nullValue());
        scim(azure.get("/Users/" + userId), 200)
                .body("'" + ENT + "'.manager", nullValue())
                .body("'" + ENT + "'.department", equalTo("Retail"));
        scim(azure.patch("/Users/" + userId, AzureAd.setManager(managerId)), 200)
                .body("'" + ENT + "'.manager.value", equalTo(managerId));
        scim(azure.get("/Users/" + userId), 200).body("'" + ENT + "'.manager.value", equalTo(managerId));

        // -- member removal, both dialects: the old one removes exactly the listed members
        String thirdId = createUser(UserBuilder.user("nestor@contoso.com").active(true).name("Nestor", "Wilke"));
        azure.patch("/Groups/" + groupId, AzureAd.addMembers(thirdId)).then().statusCode(204);
        azure.patch("/Groups/" + groupId, AzureAd.removeMembersOldDialect(managerId)).then().statusCode(204);
        scim(azure.get("/Groups/" + groupId), 200).body("members.value", containsInAnyOrder(userId, thirdId));
        azure.patch("/Groups/" + groupId, AzureAd.removeMemberNewDialect(thirdId)).then().statusCode(204);
        scim(azure.get("/Groups/" + groupId), 200).body("members.value", contains(userId));
        scim(azure.get("/Groups", Map.of("filter", "members[value eq \"" + userId + "\"]", "excludedAttributes", "members")), 200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(groupId));
        scim(azure.get("/Groups", Map.of("filter", "members[value eq \"" + thirdId + "\"]")), 200)
                .body("totalResults", equalTo(0));

        // -- group rename by PATCH, as Azure sends it
        azure.patch("/Groups/" + groupId, AzureAd.replace("displayName", "Retail EMEA")).then().statusCode(204);
        scim(azure.get("/Groups/" + groupId), 200).body("displayName", equalTo("Retail EMEA"));

        // -- soft delete first (active false), then the hard delete
        scim(azure.patch("/Users/" + userId, AzureAd.replaceActiveAsString(false)), 200).body("active", equalTo(false));
        scim(azure.get("/Users", Map.of("filter", "active eq false")), 200)
                .body("Resources.id", contains(userId));
        azure.delete("/Users/" + userId).then().statusCode(204);
        scimError(azure.get("/Users/" + userId), 404, null);
        scim(azure.get("/Users", AzureAd.userExistsQuery("adele@contoso.com")), 200).body("totalResults", equalTo(0));
        // the deleted user is no longer a member
        scim(azure.get("/Groups/" + groupId), 200).body("members", anyOf(nullValue(), empty()));
        scim(azure.get("/Users/" + managerId), 200).body("$", not(hasKey("groups")));

        // -- group delete
        azure.delete("/Groups/" + groupId).then().statusCode(204);
        scimError(azure.get("/Groups/" + groupId), 404, null);
        scimError(azure.delete("/Groups/" + groupId), 404, null);
        scim(azure.get("/Groups", AzureAd.groupExistsQuery("Retail EMEA")), 200).body("totalResults", equalTo(0));
        scim(azure.get("/Users", Map.of("filter", "userName eq \"megan@contoso.com\" or userName eq \"nestor@contoso.com\"")), 200)
                .body("Resources.userName", hasItem("megan@contoso.com"))
                .body("totalResults", equalTo(2));
    }

    private String createUser(UserBuilder user) {
        return scim(azure.post("/Users", AzureAd.createUser(user)), 201)
                .body("userName", equalTo(user.userName()))
                .extract().path("id");
    }
}
