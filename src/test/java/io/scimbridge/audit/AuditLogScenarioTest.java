package io.scimbridge.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimbridge.auth.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.PatchBody;

/**
 * The audit log as an operator reads it after an IdP's writes: every write, accepted or refused
 * after authentication, with its outcome and the correlation id the IdP got back, and never a
 * value that could be a secret. Each test writes as a source of its own, so entries from other
 * tests sharing the application never get in the way.
 */
@QuarkusTest
@Tag("postgresql")
class AuditLogScenarioTest {

    private static final String SCIM_JSON = "application/scim+json";
    private static final String REQUEST_ID = "X-Request-Id";

    static {
        RestAssured.registerParser(SCIM_JSON, Parser.JSON);
    }

    @Inject
    AuditLog auditLog;

    @Test
    void azureCreatesPatchesWithAPasswordDeletesAndIsRefusedOnce() {
        String source = newSource();
        String password = "Pa55-" + UUID.randomUUID();
        UserBody adele = UserBody.azure("adele." + source + "@contoso.com").name("Adele", "Vance").workEmail();

        Response created = as(source).header(REQUEST_ID, "azure-create-7f3a").body(adele.json().toString())
                .post("/scim/v2/Users");
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals("azure-create-7f3a", created.header(REQUEST_ID), "the IdP's own request id is answered back");
        String id = created.path("id");

        Response patched = as(source).body(PatchBody.azure().replace("password", password)
                .replace("displayName", "Adele V.").json().toString()).patch("/scim/v2/Users/" + id);
        assertEquals(200, patched.statusCode(), patched.asString());
        String patchId = patched.header(REQUEST_ID);
        assertTrue(patchId.matches("[0-9a-f]{16}"), "a request without X-Request-Id gets one: " + patchId);

        Response deleted = as(source).delete("/scim/v2/Users/" + id);
        assertEquals(204, deleted.statusCode());

        Response refused = as(source).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"externalId\":\"no-username\"}").post("/scim/v2/Users");
        assertEquals(400, refused.statusCode(), refused.asString());
        assertNotEquals(null, refused.header(REQUEST_ID), "refusals carry the correlation id too");

        Response page = AuditApi.query().source(source).send();
        assertEquals(200, page.statusCode(), page.asString());
        assertFalse(page.asString().contains(password), "no password in the audit log: " + page.asString());
        List<Map<String, Object>> entries = page.jsonPath().getList("entries");
        assertEquals(List.of("create", "delete", "patch", "create"),
                entries.stream().map(e -> e.get("operation")).toList(), "newest first: " + entries);

        Map<String, Object> refusal = entries.get(0);
        assertEquals(400, refusal.get("status"));
        assertEquals("failed", refusal.get("outcome"));
        assertEquals(refused.path("scimType"), refusal.get("scimType"));
        assertEquals(refused.header(REQUEST_ID), refusal.get("correlationId"));
        assertNull(refusal.get("resourceId"), "a refused create has no id");
        assertEquals("no-username", refusal.get("externalId"), "what the refused body named is kept");

        Map<String, Object> deletion = entries.get(1);
        assertEquals(204, deletion.get("status"));
        assertEquals("succeeded", deletion.get("outcome"));
        assertEquals(id, deletion.get("resourceId"));
        assertEquals(adele.userName(), deletion.get("name"), "a deleted user is still named by its audit entry");
        assertEquals(deleted.header(REQUEST_ID), deletion.get("correlationId"));

        Map<String, Object> patch = entries.get(2);
        assertEquals(200, patch.get("status"));
        assertEquals(patchId, patch.get("correlationId"));
        assertEquals(List.of("replace password", "replace displayName"), patch.get("patchOperations"),
                "op and path only, never the values");

        Map<String, Object> creation = entries.get(3);
        assertEquals(201, creation.get("status"));
        assertEquals("azure-create-7f3a", creation.get("correlationId"));
        assertEquals(id, creation.get("resourceId"), "a create is audited with the new id");
        assertEquals(adele.userName(), creation.get("name"));
        assertEquals(adele.json().path("externalId").asText(), creation.get("externalId"));
        assertEquals("User", creation.get("resourceType"));
        assertEquals(source, creation.get("source"));
        assertTrue(Instant.parse((String) creation.get("at")).isBefore(Instant.now().plusSeconds(1)));
    }

    @Test
    void writesRefusedAfterAuthenticationAreAuditedThoseRefusedBeforeAreNot() {
        String source = newSource();
        String unknown = UUID.randomUUID().toString();
        Response missing = as(source).body(PatchBody.azure().replace("active", false).json().toString())
                .patch("/scim/v2/Users/" + unknown);
        assertEquals(404, missing.statusCode());

        Response anonymous = given().contentType(SCIM_JSON).header(REQUEST_ID, "anon-1")
                .body(UserBody.azure("x@contoso.com").json().toString()).post("/scim/v2/Users");
        assertEquals(401, anonymous.statusCode());
        assertEquals("anon-1", anonymous.header(REQUEST_ID), "a 401 carries the correlation id");

        Response search = as(source).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}")
                .post("/scim/v2/Users/.search");
        assertEquals(200, search.statusCode(), search.asString());

        List<Map<String, Object>> entries = AuditApi.query().source(source).entries();
        assertEquals(1, entries.size(), "only the 404: searches are reads, anonymous requests name no source: " + entries);
        assertEquals(unknown, entries.get(0).get("resourceId"));
        assertEquals(404, entries.get(0).get("status"));
        assertEquals(List.of("replace active"), entries.get(0).get("patchOperations"));
    }

    @Test
    void anUnsafeRequestIdIsReplaced() {
        String source = newSource();
        String forged = "x\" injected=\"true";
        Response tooLong = as(source).header(REQUEST_ID, "a".repeat(65)).get("/scim/v2/Users");
        Response unsafe = as(source).header(REQUEST_ID, forged).get("/scim/v2/Users");
        assertTrue(tooLong.header(REQUEST_ID).matches("[0-9a-f]{16}"), tooLong.header(REQUEST_ID));
        assertTrue(unsafe.header(REQUEST_ID).matches("[0-9a-f]{16}"), unsafe.header(REQUEST_ID));
        Response admin = given().header("Authorization", "Bearer " + TestTokens.admin())
                .header(REQUEST_ID, "ops:ticket-42.1").get("/admin/audit");
        assertEquals("ops:ticket-42.1", admin.header(REQUEST_ID), "the admin API takes part too");
    }

    @Test
    void operatorsFilterByResourceTimeOperationAndOutcomeAndPage() {
        String source = newSource();
        String first = createUser(source, "first");
        Instant between = Instant.now();
        // the next write must be stamped strictly later than "between" (timestamps have milliseconds)
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(between.plusMillis(2)));
        String second = createUser(source, "second");
        String third = createUser(source, "third");
        assertEquals(404, as(source).delete("/scim/v2/Users/" + UUID.randomUUID()).statusCode());

        assertEquals(List.of(first), ids(AuditApi.query().source(source).resourceId(first).entries()));
        assertEquals(3, AuditApi.query().source(source).since(between).entries().size(), "since: the later three");
        assertEquals(List.of(third, second, first), ids(AuditApi.query().source(source).operation("create").entries()));
        assertEquals(List.of("delete"), AuditApi.query().source(source).outcome("failed").entries().stream()
                .map(e -> e.get("operation")).toList());
        assertEquals(1, AuditApi.query().source(source).outcome("404").entries().size());
        assertEquals(3, AuditApi.query().source(source).outcome("succeeded").entries().size());

        JsonPath page1 = AuditApi.query().source(source).limit(3).get();
        assertEquals(3, page1.getList("entries").size());
        Object cursor = page1.get("nextBefore");
        JsonPath page2 = AuditApi.query().source(source).limit(3).before(cursor).get();
        assertEquals(List.of(first), ids(page2.getList("entries")), "the second page holds the oldest");
        assertNull(page2.get("nextBefore"), "the last page has no cursor");

        assertEquals(400, AuditApi.query().since("yesterday").send().statusCode());
        assertEquals(400, AuditApi.query().operation("read").send().statusCode());
        assertEquals(400, AuditApi.query().outcome("meh").send().statusCode());
        assertEquals(401, given().header("Authorization", TestTokens.bearer(source)).get("/admin/audit").statusCode(),
                "an IdP's token does not read the audit log");
    }

    @Test
    void entriesOlderThanTheRetentionArePurged() {
        String source = newSource();
        String id = createUser(source, "old");
        assertEquals(1, AuditApi.query().source(source).entries().size());

        auditLog.purge(Instant.now().plus(Duration.ofDays(89)));
        assertEquals(List.of(id), ids(AuditApi.query().source(source).entries()), "89 days on: still kept");
        assertEquals(List.of(id), ids(auditLog.recent(1000).stream().filter(e -> e.source().equals(source))
                .map(e -> Map.<String, Object>of("resourceId", e.resourceId())).toList()), "recent() sees it too");

        auditLog.purge(Instant.now().plus(Duration.ofDays(91)));
        assertEquals(List.of(), AuditApi.query().source(source).entries(), "91 days on: purged (retention 90d)");
    }

    private String createUser(String source, String name) {
        Response created = as(source).body(UserBody.azure(name + "." + source + "@contoso.com").json().toString())
                .post("/scim/v2/Users");
        assertEquals(201, created.statusCode(), created.asString());
        return created.path("id");
    }

    private static List<Object> ids(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> e.get("resourceId")).toList();
    }

    private static RequestSpecification as(String source) {
        return given().header("Authorization", TestTokens.bearer(source)).contentType(SCIM_JSON).accept(SCIM_JSON);
    }

    private static String newSource() {
        return "audit-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
