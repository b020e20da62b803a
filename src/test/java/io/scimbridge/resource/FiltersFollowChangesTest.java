package io.scimbridge.resource;

import static io.scimbridge.testing.idp.Json.arr;
import static io.scimbridge.testing.idp.Json.obj;
import static io.scimbridge.testing.idp.ScimClient.scim;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBuilder;

/**
 * The filter index is rewritten row by row on PATCH and PUT (only what changed): after every kind
 * of change, filters find the user by what it is now and never by what it was.
 */
@QuarkusTest
@Tag("postgresql")
class FiltersFollowChangesTest {

    @Inject
    StoreProbe probe;

    private final ScimClient azure = ScimClient.as("azure-filters-follow");

    private int found(String filter) {
        return scim(azure.get("/Users", Map.of("filter", filter)), 200).extract().path("totalResults");
    }

    @Test
    void azureAdChangesAUserAndFiltersFindItByItsNewValuesOnly() {
        UserBuilder ada = UserBuilder.user("ada.filters@example.com").name("Ada", "Lovelace").title("Analyst")
                .workEmail("ada@old.example.com").phone("mobile", "+44 20 7946 0000").department("Maths");
        String id = scim(azure.post("/Users", AzureAd.createUser(ada)), 201).extract().path("id");
        assertEquals(1, found("emails[type eq \"work\" and value eq \"ada@old.example.com\"]"));
        assertEquals(1, found("title eq \"Analyst\""));
        List<String> rowsBefore = probe.indexedStrings(id);

        // a display-name-only change leaves every other row as it was
        scim(azure.patch("/Users/" + id, AzureAd.patch(AzureAd.op("Replace", "displayName", "Countess Ada"))), 200);
        assertEquals(1, found("displayName eq \"Countess Ada\""));
        assertEquals(1, found("title eq \"Analyst\" and name.familyName eq \"Lovelace\""));

        // replace a multi-valued attribute, remove one attribute, add another, change the extension
        scim(azure.patch("/Users/" + id, AzureAd.patch(
                AzureAd.op("Replace", "emails", arr(obj("type", "work", "value", "ada@new.example.com", "primary", true),
                        obj("type", "home", "value", "ada@home.example.com"))),
                AzureAd.op("Remove", "title", null),
                AzureAd.op("Add", "nickName", "Enchantress"),
                AzureAd.op("Replace", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                        "Engines"))), 200);
        assertEquals(0, found("emails.value eq \"ada@old.example.com\""));
        assertEquals(1, found("emails[type eq \"work\" and value eq \"ada@new.example.com\"]"));
        assertEquals(0, found("emails[type eq \"work\" and value eq \"ada@home.example.com\"]"));
        assertEquals(1, found("emails[type eq \"home\" and value eq \"ada@home.example.com\"]"));
        assertEquals(0, found("title pr"));
        assertEquals(1, found("nickName eq \"Enchantress\""));
        assertEquals(0, found("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Maths\""));
        assertEquals(1, found("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Engines\""));
        assertEquals(1, found("phoneNumbers[type eq \"mobile\"]"));

        // a PUT that shrinks the user to its minimum drops every row it no longer has
        scim(azure.put("/Users/" + id, obj("schemas", arr("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "ada.filters@example.com", "active", false)), 200)
                .body("active", equalTo(false));
        assertEquals(0, found("nickName pr or emails pr or phoneNumbers pr or name.familyName pr"));
        assertEquals(1, found("userName eq \"ada.filters@example.com\" and active eq false"));
        assertEquals(List.of(), probe.indexedStrings(id).stream().filter(s -> s.contains("example.com")).toList(),
                "index rows left over; before the changes: " + rowsBefore);
    }
}
