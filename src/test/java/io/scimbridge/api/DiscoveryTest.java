package io.scimbridge.api;

import static io.scimbridge.testing.idp.ScimClient.scim;
import static io.scimbridge.testing.idp.ScimClient.scimError;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.Json;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBuilder;

/**
 * /ServiceProviderConfig, /ResourceTypes and /Schemas tell the truth: what they advertise is
 * checked against what the server does (caseExact against filter matching, maxResults against
 * the page size, writeOnly against what is returned).
 */
@QuarkusTest
@Tag("postgresql")
class DiscoveryTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private final ScimClient client = ScimClient.as("discovery");

    @Test
    void serviceProviderConfigAdvertisesWhatIsImplemented() {
        scim(client.get("/ServiceProviderConfig"), 200)
                .body("schemas", contains("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
                .body("patch.supported", equalTo(true))
                .body("bulk.supported", equalTo(false))
                .body("filter.supported", equalTo(true))
                .body("filter.maxResults", equalTo(1000))
                .body("changePassword.supported", equalTo(false))
                .body("sort.supported", equalTo(true))
                .body("etag.supported", equalTo(true))
                .body("authenticationSchemes.type", contains("oauthbearertoken"))
                .body("meta.resourceType", equalTo("ServiceProviderConfig"))
                .body("meta.location", endsWith("/scim/v2/ServiceProviderConfig"));
    }

    @Test
    void resourceTypesNameEndpointsSchemasAndExtensions() {
        scim(client.get("/ResourceTypes"), 200)
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(2))
                .body("Resources.name", containsInAnyOrder("User", "Group"))
                .body("Resources.find { it.name == 'User' }.endpoint", equalTo("/Users"))
                .body("Resources.find { it.name == 'User' }.schema", equalTo(USER))
                .body("Resources.find { it.name == 'User' }.schemaExtensions",
                        contains(Map.of("schema", AzureAd.ENTERPRISE, "required", false)))
                .body("Resources.find { it.name == 'Group' }.endpoint", equalTo("/Groups"))
                .body("Resources.find { it.name == 'Group' }.schema", equalTo(GROUP))
                .body("Resources.find { it.name == 'Group' }.schemaExtensions", empty());
        scim(client.get("/ResourceTypes/User"), 200).body("endpoint", equalTo("/Users"));
        scimError(client.get("/ResourceTypes/Device"), 404, null);
    }

    @Test
    void schemasCarryTheAttributeCharacteristics() {
        Response response = client.get("/Schemas");
        scim(response, 200)
                .body("totalResults", equalTo(3))
                .body("Resources.id", containsInAnyOrder(USER, AzureAd.ENTERPRISE, GROUP))
                .body("Resources.find { it.id == '" + USER + "' }.name", equalTo("User"))
                .body("Resources.find { it.id == '" + USER + "' }.description", equalTo("User Account"));
        JsonPath user = new JsonPath(client.get("/Schemas/" + USER).asString());
        String userName = "attributes.find { it.name == 'userName' }";
        assertAttribute(user, userName, "string", false, false, "readWrite", "default", "server");
        assertAttribute(user, "attributes.find { it.name == 'password' }", "string", false, false, "writeOnly", "never", "none");
        assertAttribute(user, "attributes.find { it.name == 'active' }", "boolean", false, null, "readWrite", "default", "none");
        assertAttribute(user, "attributes.find { it.name == 'groups' }", "complex", true, null, "readOnly", "default", "none");
        assertAttribute(user, "attributes.find { it.name == 'emails' }", "complex", true, null, "readWrite", "default", "none");
        assertEquals(true, user.get(userName + ".required"));
        assertEquals(
                List.of("value", "display", "type", "primary"),
                user.get("attributes.find { it.name == 'emails' }.subAttributes.name"));
        // id, externalId and meta are common attributes (RFC 7643 §3.1), not part of any schema
        assertNull(user.get("attributes.find { it.name == 'id' }"));

        JsonPath enterprise = new JsonPath(client.get("/Schemas/" + AzureAd.ENTERPRISE).asString());
        String manager = "attributes.find { it.name == 'manager' }";
        assertAttribute(enterprise, manager, "complex", false, null, "readWrite", "default", "none");
        assertAttribute(enterprise, manager + ".subAttributes.find { it.name == 'value' }", "string", false, true,
                "readWrite", "default", "none");
        assertAttribute(enterprise, manager + ".subAttributes.find { it.name == 'displayName' }", "string", false, false,
                "readOnly", "default", "none");

        JsonPath group = new JsonPath(client.get("/Schemas/" + GROUP).asString());
        assertAttribute(group, "attributes.find { it.name == 'displayName' }", "string", false, false, "readWrite",
                "default", "server");
        assertAttribute(group, "attributes.find { it.name == 'members' }.subAttributes.find { it.name == 'value' }",
                "string", false, true, "immutable", "default", "none");
        scimError(client.get("/Schemas/urn:example:nothing"), 404, null);
    }

    /** The advertised characteristics, proven by behaviour. */
    @Test
    void whatIsAdvertisedIsWhatHappens() {
        String id = scim(client.post("/Users", AzureAd.createUser(UserBuilder.user("Discovery.User@Example.com")
                .name("Dis", "Covery").workEmail("discovery.user@example.com"))
                .put("password", "s3cret-Passw0rd")), 201)
                .body(not(containsString("s3cret-Passw0rd")))
                .extract().path("id");
        // userName: caseExact false
        scim(client.get("/Users", Map.of("filter", "userName eq \"discovery.user@example.com\"")), 200)
                .body("Resources.id", contains(id));
        // id and externalId: case-exact
        scim(client.get("/Users", Map.of("filter", "id eq \"" + id.toUpperCase() + "\"")), 200)
                .body("totalResults", equalTo(id.equals(id.toUpperCase()) ? 1 : 0));
        scim(client.get("/Users", Map.of("filter", "id eq \"" + id + "\"")), 200).body("Resources.id", contains(id));
        // emails.value: caseExact false
        scim(client.get("/Users", Map.of("filter", "emails.value eq \"DISCOVERY.USER@EXAMPLE.COM\"")), 200)
                .body("Resources.id", contains(id));
        // password: returned never, even when asked for
        scim(client.get("/Users/" + id, Map.of("attributes", "password")), 200)
                .body("$", not(hasKey("password")));
        // sort.supported
        scim(client.get("/Users", Map.of("sortBy", "userName", "sortOrder", "descending")), 200)
                .body("Resources.id", hasItem(id));
        // etag.supported: a weak ETag that If-Match honours
        String etag = client.get("/Users/" + id).header("ETag");
        scim(client.withHeader("If-Match", etag).patch("/Users/" + id, AzureAd.replace("title", "Tester")), 200);
        scimError(client.withHeader("If-Match", etag).patch("/Users/" + id, AzureAd.replace("title", "Again")), 412, null);
        // bulk.supported false: there is no /Bulk
        scimError(client.post("/Bulk", Json.obj("schemas", Json.arr("urn:ietf:params:scim:api:messages:2.0:BulkRequest"))),
                404, null);
    }

    /** Clients written against case-insensitive servers send /users (Microsoft's reference tests do). */
    @Test
    void endpointNamesMatchInAnyLetterCase() {
        Response created = client.post("/users", AzureAd.createUser(UserBuilder.user("lower.case@example.com")));
        String id = created.path("id");
        scim(created, 201).header("Location", endsWith("/scim/v2/Users/" + id)); // the canonical spelling
        scim(client.get("/USERS/" + id), 200).body("id", equalTo(id));
        scim(client.get("/users", Map.of("filter", "userName eq \"lower.case@example.com\"")), 200)
                .body("totalResults", equalTo(1));
        scim(client.post("/users/.search", Json.obj("filter", "id eq \"" + id + "\"")), 200).body("totalResults", equalTo(1));
        scim(client.get("/groups"), 200);
        scim(client.get("/serviceproviderconfig"), 200).body("patch.supported", equalTo(true));
        scim(client.get("/resourcetypes/User"), 200).body("endpoint", equalTo("/Users"));
        scim(client.get("/schemas"), 200).body("totalResults", equalTo(3));
        client.delete("/uSeRs/" + id).then().statusCode(204);
        // only the endpoint names: ids and other paths keep their case
        scimError(client.get("/Users/" + id.toUpperCase()), 404, null);
        scimError(client.get("/serviceConfiguration"), 404, null);
    }

    private static void assertAttribute(JsonPath schema, String path, String type, boolean multiValued, Boolean caseExact,
                                        String mutability, String returned, String uniqueness) {
        assertEquals(type, schema.get(path + ".type"), path + ".type");
        assertEquals(multiValued, schema.get(path + ".multiValued"), path + ".multiValued");
        if (caseExact != null) {
            assertEquals(caseExact, schema.get(path + ".caseExact"), path + ".caseExact");
        }
        assertEquals(mutability, schema.get(path + ".mutability"), path + ".mutability");
        assertEquals(returned, schema.get(path + ".returned"), path + ".returned");
        assertEquals(uniqueness, schema.get(path + ".uniqueness"), path + ".uniqueness");
    }
}
