package io.scimbridge.resource;

import static io.scimbridge.testing.idp.Json.arr;
import static io.scimbridge.testing.idp.Json.group;
import static io.scimbridge.testing.idp.Json.obj;
import static io.scimbridge.testing.idp.Json.user;
import static io.scimbridge.testing.idp.ScimClient.scim;
import static io.scimbridge.testing.idp.ScimClient.scimError;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.scimbridge.auth.MintedToken;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.auth.TokenGrant;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.Okta;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBuilder;

/**
 * What a hostile or broken caller gets: for every row, the right status and scimType in a SCIM
 * error body with {@code application/scim+json}, and a store in exactly the state it was before
 * (every row of both sources involved, and the row count of every table).
 */
@QuarkusTest
@Tag("postgresql")
class HostileInputTest {

    static final String SOURCE = "hostile";
    static final String OTHER_SOURCE = "hostile-other";
    private static final String USERS = "/Users";
    private static final int MAX_BODY = 2 * 1024 * 1024;

    /** What the rows act on: a user and a group of ours, a user and a group of another source. */
    record Fixture(ScimClient client, String userId, String secondUserId, String groupId, String secondGroupId,
                   String otherUserId, String otherGroupId) {}

    /** One hostile request and the error it must get. */
    record Case(String name, Function<Fixture, Response> request, int status, String scimType) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Fixture fixture;

    @Inject
    StoreProbe probe;

    @BeforeEach
    void createFixtureOnce() {
        if (fixture != null) {
            return;
        }
        ScimClient ours = ScimClient.as(SOURCE);
        ScimClient other = ScimClient.as(OTHER_SOURCE);
        String userId = create(ours, USERS, AzureAd.createUser(UserBuilder.user("holly@example.com")
                .name("Holly", "Dickson").workEmail("holly@example.com").active(true)));
        String secondUserId = create(ours, USERS, AzureAd.createUser(UserBuilder.user("ivy@example.com").name("Ivy", "Ng")));
        String groupId = create(ours, "/Groups", Okta.pushGroup("Hostile Group"));
        ours.patch("/Groups/" + groupId, AzureAd.addMembers(userId)).then().statusCode(204);
        String secondGroupId = create(ours, "/Groups", Okta.pushGroup("Second Group"));
        String otherUserId = create(other, USERS, AzureAd.createUser(UserBuilder.user("olga@example.com").name("Olga", "X")));
        String otherGroupId = create(other, "/Groups", Okta.pushGroup("Other Group"));
        fixture = new Fixture(ours, userId, secondUserId, groupId, secondGroupId, otherUserId, otherGroupId);
    }

    @AfterAll
    static void forgetFixture() {
        fixture = null; // another application start (test profile) would clean the store
    }

    private static String create(ScimClient client, String path, ObjectNode body) {
        return scim(client.post(path, body), 201).extract().path("id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"malformedBodies", "wrongTypes", "brokenFilters", "brokenPaging", "brokenPatches",
            "brokenWrites", "badTokens", "otherSourcesIds"})
    void isRefusedAndChangesNothing(Case c) {
        StoreProbe.Snapshot before = probe.snapshot(SOURCE, OTHER_SOURCE);
        Response response = c.request().apply(fixture);
        scimError(response, c.status(), c.scimType());
        assertEquals(before, probe.snapshot(SOURCE, OTHER_SOURCE), "the store changed");
    }

    // ---------------------------------------------------------------------------------- rows

    static Stream<Case> malformedBodies() {
        return Stream.of(
                post("truncated JSON", USERS, "{\"userName\":\"t1@example.com\",\"name\":{\"givenName\":\"T\"", 400, "invalidSyntax"),
                post("not JSON at all", USERS, "userName=t2@example.com&active=true", 400, "invalidSyntax"),
                post("empty body", USERS, "", 400, "invalidSyntax"),
                post("a JSON array", USERS, "[{\"userName\":\"t3@example.com\"}]", 400, "invalidSyntax"),
                post("a JSON string", USERS, "\"t4@example.com\"", 400, "invalidSyntax"),
                post("JSON null", USERS, "null", 400, "invalidSyntax"),
                post("duplicate keys", USERS, "{\"userName\":\"t5@example.com\",\"userName\":\"t6@example.com\"}", 400, "invalidSyntax"),
                post("trailing garbage", USERS, "{\"userName\":\"t7@example.com\"} {\"userName\":\"t8@example.com\"}", 400, "invalidSyntax"),
                post("single quotes", USERS, "{'userName':'t9@example.com'}", 400, "invalidSyntax"),
                new Case("invalid UTF-8", f -> f.client().post(USERS, new byte[] {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                        400, "invalidValue"),
                malformedUnicode("overlong '/' (C0 AF)", (byte) 0xC0, (byte) 0xAF),
                malformedUnicode("overlong 3-byte '/' (E0 80 AF)", (byte) 0xE0, (byte) 0x80, (byte) 0xAF),
                malformedUnicode("overlong NUL (C0 80)", (byte) 0xC0, (byte) 0x80),
                malformedUnicode("above U+10FFFF (F4 90 80 80)", (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80),
                malformedUnicode("F5 lead byte", (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80),
                malformedUnicode("an encoded surrogate (ED A0 80)", (byte) 0xED, (byte) 0xA0, (byte) 0x80),
                malformedUnicode("a lone high surrogate escape", "\\ud800".getBytes(StandardCharsets.US_ASCII)),
                malformedUnicode("a lone low surrogate escape", "\\udc00".getBytes(StandardCharsets.US_ASCII)),
                malformedUnicode("surrogates in the wrong order", "\\ude00\\ud83d".getBytes(StandardCharsets.US_ASCII)),
                new Case("malformed Unicode: a lone surrogate in a field name", f -> f.client().post(USERS,
                        "{\"schemas\":[\"" + AzureAd.CORE_USER + "\"],\"userName\":\"ls@example.com\",\"x\\ud800\":1}"),
                        400, "invalidValue"),
                new Case("malformed Unicode: a lone surrogate in a PATCH value", f -> f.client().patch(USERS + "/" + f.userId(),
                        "{\"schemas\":[\"" + AzureAd.PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\","
                                + "\"value\":\"a\\udfffb\"}]}"), 400, "invalidValue"),
                new Case("malformed Unicode: overlong bytes in a group's displayName", f -> f.client().post("/Groups",
                        withRawBytes("{\"schemas\":[\"" + AzureAd.CORE_GROUP + "\"],\"displayName\":\"G", new byte[] {(byte) 0xC1, (byte) 0x81},
                                "\"}")), 400, "invalidValue"),
                post("500-deep nesting in the body", USERS, "{\"userName\":\"deep@example.com\",\"name\":"
                        + "[".repeat(500) + "]".repeat(500) + "}", 400, "invalidSyntax"),
                post("500-deep objects in the body", USERS, "{\"userName\":\"deep2@example.com\",\"x\":"
                        + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}", 400, "invalidSyntax"),
                new Case("500-deep nesting in a PATCH", f -> f.client().patch(USERS + "/" + f.userId(),
                        "{\"schemas\":[\"" + AzureAd.PATCH_OP + "\"],\"Operations\":" + "[".repeat(500) + "]".repeat(500) + "}"),
                        400, "invalidSyntax"),
                new Case("oversized body (413)", f -> f.client().post(USERS, oversizedUser()), 413, null),
                new Case("oversized PATCH (413)", f -> f.client().patch(USERS + "/" + f.userId(), oversizedUser()), 413, null),
                new Case("a search request that is not an object", f -> f.client().post(USERS + "/.search", "[]"), 400, "invalidSyntax"));
    }

    static Stream<Case> wrongTypes() {
        return Stream.of(
                postUser("userName as a number", user("userName", 42), 400, "invalidValue"),
                postUser("userName missing", user("displayName", "No Name"), 400, "invalidValue"),
                postUser("userName blank", user("userName", "   "), 400, "invalidValue"),
                postUser("userName too long", user("userName", "a".repeat(5000) + "@example.com"), 400, "invalidValue"),
                postUser("userName with a NUL character", user("userName", "nul\u0000@example.com"), 400, "invalidValue"),
                postUser("displayName with a NUL character", user("userName", "nul2@example.com", "displayName", "a\u0000b"),
                        400, "invalidValue"),
                postUser("emails as an object", user("userName", "t10@example.com",
                        "emails", obj("value", "t10@example.com", "type", "work")), 400, "invalidValue"),
                postUser("email value as a number", user("userName", "t11@example.com", "emails", arr(obj("value", 11))),
                        400, "invalidValue"),
                postUser("active as \"maybe\"", user("userName", "t12@example.com", "active", "maybe"), 400, "invalidValue"),
                postUser("active as a number", user("userName", "t13@example.com", "active", 1), 400, "invalidValue"),
                postUser("name as a string", user("userName", "t14@example.com", "name", "Bob"), 400, "invalidValue"),
                postUser("title as an array", user("userName", "t15@example.com", "title", arr("a", "b")), 400, "invalidValue"),
                postUser("enterprise extension as a string", user("userName", "t16@example.com", AzureAd.ENTERPRISE, "x"),
                        400, "invalidValue"),
                postUser("too many emails", user("userName", "t17@example.com", "emails", manyEmails(101)), 400, "invalidValue"),
                postUser("a taken userName in another letter case", user("userName", "HOLLY@example.com"), 409, "uniqueness"),
                new Case("group without displayName", f -> f.client().post("/Groups", group("members", arr())), 400, "invalidValue"),
                new Case("group with an unknown member", f -> f.client().post("/Groups", group("displayName", "G1",
                        "members", arr(obj("value", "no-such-user")))), 400, "invalidValue"),
                new Case("group with a group as member", f -> f.client().post("/Groups", group("displayName", "G2",
                        "members", arr(obj("value", f.groupId())))), 400, "invalidValue"),
                new Case("group with a member of another source", f -> f.client().post("/Groups", group("displayName", "G3",
                        "members", arr(obj("value", f.otherUserId())))), 400, "invalidValue"),
                new Case("group with a member without value", f -> f.client().post("/Groups", group("displayName", "G4",
                        "members", arr(obj("display", "x")))), 400, "invalidValue"),
                new Case("a taken group displayName", f -> f.client().post("/Groups", Okta.pushGroup("hostile GROUP")),
                        409, "uniqueness"));
    }

    static Stream<Case> brokenFilters() {
        return Stream.of(
                filter("no value", "userName eq", "invalidFilter"),
                filter("dangling and", "userName eq \"x\" and", "invalidFilter"),
                filter("unclosed parenthesis", "(userName eq \"x\"", "invalidFilter"),
                filter("stray parenthesis", "userName eq \"x\")", "invalidFilter"),
                filter("unknown operator", "userName like \"x\"", "invalidFilter"),
                filter("unknown attribute", "favoriteColor eq \"blue\"", "invalidFilter"),
                filter("unquoted string", "userName eq holly@example.com", "invalidFilter"),
                filter("unterminated string", "userName eq \"holly", "invalidFilter"),
                filter("SQL after the filter", "userName eq \"x\"; DROP TABLE scim_resource; --", "invalidFilter"),
                filter("SQL-style quotes", "userName eq 'x' or '1'='1'", "invalidFilter"),
                filter("tautology on a literal", "userName eq \"x\" or 1 eq 1", "invalidFilter"),
                filter("HQL in an attribute name", "r.source eq \"okta\"", "invalidFilter"),
                filter("unclosed value filter", "emails[type eq \"work\"", "invalidFilter"),
                filter("nested value filters", "emails[type[value eq \"x\"] eq \"y\"]", "invalidFilter"),
                filter("password", "password eq \"secret\"", "invalidFilter"),
                filter("a date that is not one", "meta.created gt \"yesterday\"", "invalidFilter"),
                filter("ordering on a boolean", "active gt true", "invalidFilter"),
                filter("a number for a string", "userName eq 42", "invalidFilter"),
                filter("500-deep parentheses", "(".repeat(500) + "userName eq \"x\"" + ")".repeat(500), "invalidFilter"),
                filter("500-deep not()", "not(".repeat(500) + "userName eq \"x\"" + ")".repeat(500), "invalidFilter"),
                filter("longer than the limit", "userName eq \"" + "x".repeat(5000) + "\"", "invalidFilter"),
                filter("180 clauses, under the length limit", clauses(180, " or "), "invalidFilter"),
                filter("a NUL character", "userName eq \"a\u0000b\"", "invalidFilter"),
                filter("an escaped NUL character", "userName eq \"a\\u0000b\"", "invalidFilter"),
                filter("an escaped NUL in a value filter", "emails[value sw \"\\u0000\"]", "invalidFilter"),
                new Case("a broken filter in POST /.search", f -> f.client().post(USERS + "/.search",
                        obj("schemas", arr("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "filter", "userName eq")),
                        400, "invalidFilter"),
                new Case("a filter on members of a user", f -> f.client().get("/Groups",
                        Map.of("filter", "members[display eq \"x\"]")), 400, "invalidFilter"));
    }

    static Stream<Case> brokenPaging() {
        return Stream.of(
                list("count not an integer", Map.of("count", "ten"), "invalidValue"),
                list("count a decimal", Map.of("count", "1.5"), "invalidValue"),
                list("count beyond any integer", Map.of("count", "99999999999999999999999"), "invalidValue"),
                list("startIndex not an integer", Map.of("startIndex", "first"), "invalidValue"),
                list("unknown sortOrder", Map.of("sortBy", "userName", "sortOrder", "sideways"), "invalidValue"),
                list("sortBy an unknown attribute", Map.of("sortBy", "favoriteColor"), "invalidValue"),
                list("sortBy password", Map.of("sortBy", "password"), "invalidValue"),
                list("attributes and excludedAttributes together", Map.of("attributes", "userName",
                        "excludedAttributes", "emails"), "invalidValue"));
    }

    static Stream<Case> brokenPatches() {
        return Stream.of(
                patchUser("no Operations", obj("schemas", arr(AzureAd.PATCH_OP)), 400, "invalidSyntax"),
                patchUser("empty Operations", obj("schemas", arr(AzureAd.PATCH_OP), "Operations", arr()), 400, "invalidSyntax"),
                patchUser("Operations not an array", obj("schemas", arr(AzureAd.PATCH_OP), "Operations",
                        obj("op", "replace", "path", "title", "value", "x")), 400, "invalidSyntax"),
                patchUser("no PatchOp schema", obj("Operations", arr(obj("op", "replace", "path", "title", "value", "x"))),
                        400, "invalidSyntax"),
                patchUser("unknown op", AzureAd.patch(AzureAd.op("move", "title", "x")), 400, "invalidSyntax"),
                patchUser("op not a string", AzureAd.patch(obj("op", 1, "path", "title", "value", "x")), 400, "invalidSyntax"),
                patchUser("replace without value", AzureAd.patch(AzureAd.op("replace", "title", null)), 400, "invalidSyntax"),
                patchUser("remove without path", AzureAd.patch(AzureAd.op("remove", null, null)), 400, "noTarget"),
                patchUser("unknown attribute in path", AzureAd.replace("favoriteColor", "blue"), 400, "invalidPath"),
                patchUser("unknown sub-attribute in path", AzureAd.replace("name.nickname", "Bob"), 400, "invalidPath"),
                patchUser("unknown extension attribute", AzureAd.replace(AzureAd.ENTERPRISE + ":shoeSize", "9"), 400, "invalidPath"),
                patchUser("broken path syntax", AzureAd.replace("emails[type eq \"work\"", "x"), 400, "invalidPath"),
                patchUser("path not a string", AzureAd.patch(obj("op", "replace", "path", 5, "value", "x")), 400, "invalidPath"),
                patchUser("active as \"maybe\"", AzureAd.replace("active", "maybe"), 400, "invalidValue"),
                patchUser("userName as a number", AzureAd.replace("userName", 7), 400, "invalidValue"),
                patchUser("userName with a NUL character", AzureAd.replace("userName", "a\u0000b@example.com"), 400, "invalidValue"),
                patchUser("remove the required userName", AzureAd.patch(AzureAd.op("remove", "userName", null)), 400, "invalidValue"),
                patchUser("replace id", AzureAd.replace("id", "another-id"), 400, "mutability"),
                patchUser("replace the read-only groups", AzureAd.replace("groups", arr(obj("value", "x"))), 400, "mutability"),
                patchUser("replace a filtered element that doesn't exist", AzureAd.replace("emails[type eq \"home\"]",
                        obj("value", "h@example.com")), 400, "noTarget"),
                patchUser("a userName another user has", AzureAd.replace("userName", "IVY@example.com"), 409, "uniqueness"),
                patchUser("a good op then a bad one (atomic)", AzureAd.patch(AzureAd.op("replace", "title", "Changed"),
                        AzureAd.op("replace", "active", "maybe")), 400, "invalidValue"),
                patchUser("more operations than allowed", tooManyOperations(1001), 400, "invalidSyntax"),
                new Case("If-Match of another version (412)", f -> f.client().withHeader("If-Match", "W/\"999\"")
                        .patch(USERS + "/" + f.userId(), AzureAd.replace("title", "x")), 412, null),
                patchGroup("add an unknown member", AzureAd.addMembers("no-such-user"), 400, "invalidValue"),
                new Case("add a member of another source", f -> f.client().patch("/Groups/" + f.groupId(),
                        AzureAd.addMembers(f.otherUserId())), 400, "invalidValue"),
                new Case("add a known and an unknown member (atomic)", f -> f.client().patch("/Groups/" + f.groupId(),
                        AzureAd.addMembers(f.secondUserId(), "no-such-user")), 400, "invalidValue"),
                patchGroup("remove members by a non-id filter", AzureAd.patch(AzureAd.op("remove", "members[display co \"a\"]", null)),
                        400, "invalidFilter"),
                patchGroup("add a member id with a NUL character", AzureAd.addMembers("a\u0000b"), 400, "invalidValue"),
                patchGroup("remove a member id with a NUL character", AzureAd.removeMembersOldDialect("a\u0000b"),
                        400, "invalidValue"),
                patchGroup("a member sub-attribute path", AzureAd.replace("members[value eq \"x\"].display", "y"), 400, "invalidPath"),
                patchGroup("rename to a taken name", AzureAd.replace("displayName", "SECOND group"), 409, "uniqueness"),
                patchGroup("remove the required displayName", AzureAd.patch(AzureAd.op("remove", "displayName", null)),
                        400, "invalidValue"),
                new Case("the {id} echo of another group", f -> f.client().patch("/Groups/" + f.groupId(),
                        Okta.patch(Okta.renameEcho(f.secondGroupId(), "Hostile Group"))), 400, "mutability"));
    }

    static Stream<Case> brokenWrites() {
        return Stream.of(
                postUser("no schemas", obj("userName", "noschemas@example.com"), 400, "invalidValue"),
                postUser("schemas null", obj("schemas", null, "userName", "noschemas@example.com"), 400, "invalidValue"),
                postUser("schemas a string", obj("schemas", AzureAd.CORE_USER, "userName", "noschemas@example.com"), 400, "invalidValue"),
                postUser("schemas with a number", obj("schemas", arr(AzureAd.CORE_USER, 7), "userName", "noschemas@example.com"),
                        400, "invalidValue"),
                postUser("schemas without the core User schema", obj("schemas", arr(AzureAd.ENTERPRISE),
                        "userName", "noschemas@example.com"), 400, "invalidValue"),
                postUser("the Group schema for a user", obj("schemas", arr(AzureAd.CORE_GROUP),
                        "userName", "noschemas@example.com"), 400, "invalidValue"),
                new Case("group without schemas", f -> f.client().post("/Groups", obj("displayName", "No Schemas")),
                        400, "invalidValue"),
                new Case("group with the User schema", f -> f.client().post("/Groups", obj("schemas", arr(AzureAd.CORE_USER),
                        "displayName", "No Schemas")), 400, "invalidValue"),
                new Case("PUT a user without schemas", f -> f.client().put(USERS + "/" + f.userId(),
                        obj("userName", "holly@example.com", "title", "x")), 400, "invalidValue"),
                new Case("PUT a group without schemas", f -> f.client().put("/Groups/" + f.groupId(),
                        obj("displayName", "Hostile Group")), 400, "invalidValue"),
                new Case("PUT with another id", f -> f.client().put(USERS + "/" + f.userId(),
                        user("id", f.secondUserId(), "userName", "holly@example.com")), 400, "mutability"),
                new Case("PUT a group with another id", f -> f.client().put("/Groups/" + f.groupId(),
                        group("id", f.secondGroupId(), "displayName", "Hostile Group")), 400, "mutability"),
                new Case("PUT without userName", f -> f.client().put(USERS + "/" + f.userId(), user("displayName", "x")),
                        400, "invalidValue"),
                new Case("PUT with a taken userName", f -> f.client().put(USERS + "/" + f.userId(),
                        user("userName", "ivy@EXAMPLE.com")), 409, "uniqueness"),
                new Case("PUT with If-Match of another version (412)", f -> f.client().withHeader("If-Match", "W/\"999\"")
                        .put(USERS + "/" + f.userId(), user("userName", "holly@example.com", "title", "x")), 412, null),
                new Case("PUT to an unknown id", f -> f.client().put(USERS + "/no-such-id", user("userName", "new@example.com")),
                        404, null),
                new Case("DELETE with If-Match of another version (412)", f -> f.client().withHeader("If-Match", "W/\"999\"")
                        .delete(USERS + "/" + f.userId()), 412, null),
                new Case("DELETE an unknown id", f -> f.client().delete(USERS + "/no-such-id"), 404, null),
                new Case("PATCH an unknown id", f -> f.client().patch(USERS + "/no-such-id", AzureAd.replace("title", "x")),
                        404, null),
                new Case("an unknown endpoint", f -> f.client().post("/Devices", obj("displayName", "x")), 404, null),
                new Case("a method the endpoint lacks", f -> f.client().put(USERS, obj("userName", "x@example.com")),
                        405, null));
    }

    static Stream<Case> badTokens() {
        ObjectNode newUser = AzureAd.createUser(UserBuilder.user("intruder@example.com"));
        return Stream.of(
                new Case("no Authorization header", f -> RestAssured.given().contentType(ScimClient.SCIM_JSON)
                        .body(ScimClient.json(newUser)).post(ScimClient.BASE + USERS), 401, null),
                new Case("Basic credentials", f -> ScimClient.withAuthorization("Basic YWRtaW46YWRtaW4=").post(USERS, newUser),
                        401, null),
                new Case("garbage token", f -> ScimClient.withAuthorization("Bearer not.a.jwt").post(USERS, newUser), 401, null),
                new Case("forged: signed by another key", f -> bearer(forgedToken()).post(USERS, newUser), 401, null),
                new Case("unsigned: alg none", f -> bearer(unsignedToken()).post(USERS, newUser), 401, null),
                new Case("unsigned: alg none, PATCH", f -> bearer(unsignedToken()).patch(USERS + "/" + f.userId(),
                        AzureAd.replaceActiveAsString(false)), 401, null),
                new Case("expired", f -> bearer(TestTokens.sign(TestTokens.validClaims(SOURCE)
                        .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))))
                        .delete(USERS + "/" + f.userId()), 401, null),
                new Case("revoked", f -> bearer(revokedToken()).delete(USERS + "/" + f.userId()), 401, null),
                new Case("another issuer", f -> bearer(TestTokens.sign(TestTokens.validClaims(SOURCE).issuer("evil")))
                        .post(USERS, newUser), 401, null),
                new Case("an admin token", f -> bearer(TestTokens.admin()).post(USERS, newUser), 401, null));
    }

    static Stream<Case> otherSourcesIds() {
        return Stream.of(
                new Case("GET another source's user", f -> f.client().get(USERS + "/" + f.otherUserId()), 404, null),
                new Case("GET another source's group", f -> f.client().get("/Groups/" + f.otherGroupId()), 404, null),
                new Case("PUT another source's user", f -> f.client().put(USERS + "/" + f.otherUserId(),
                        user("userName", "olga@example.com", "title", "owned")), 404, null),
                new Case("PATCH another source's user", f -> f.client().patch(USERS + "/" + f.otherUserId(),
                        Okta.deactivate()), 404, null),
                new Case("PATCH another source's group", f -> f.client().patch("/Groups/" + f.otherGroupId(),
                        AzureAd.addMembers(f.userId())), 404, null),
                new Case("DELETE another source's user", f -> f.client().delete(USERS + "/" + f.otherUserId()), 404, null),
                new Case("DELETE another source's group", f -> f.client().delete("/Groups/" + f.otherGroupId()), 404, null),
                new Case("a user id as a group id", f -> f.client().get("/Groups/" + f.userId()), 404, null),
                new Case("an id with a NUL character", f -> f.client().request()
                        .get(ScimClient.BASE + USERS + "/{id}", "a\u0000b"), 404, null),
                new Case("DELETE an id with a NUL character", f -> f.client().request()
                        .delete(ScimClient.BASE + USERS + "/{id}", "a\u0000b"), 404, null));
    }

    // ---------------------------------------------------------- answers that are not errors

    @Test
    void injectionShapedFiltersAreJustValuesThatMatchNothing() {
        ScimClient client = fixture.client();
        StoreProbe.Snapshot before = probe.snapshot(SOURCE, OTHER_SOURCE);
        for (String filter : new String[] {
                "userName eq \"x\\\" or \\\"1\\\" eq \\\"1\"",
                "userName eq \"' OR '1'='1\"",
                "userName eq \"x'); DROP TABLE scim_resource; --\"",
                "userName co \"%\"",
                "userName sw \"_\"",
                "displayName co \"!\"",
                "emails[value co \"%\" or type eq \"' or 1=1 --\"]",
                "userName eq \"" + fixture.otherUserId() + "\" or id eq \"" + fixture.otherUserId() + "\""}) {
            scim(fixture.client().get(USERS, Map.of("filter", filter)), 200)
                    .body("totalResults", equalTo(0))
                    .body(not(containsString("olga")));
        }
        // the same wildcards as text do match where the text has them
        scim(client.get(USERS, Map.of("filter", "userName co \"@\"")), 200).body("totalResults", equalTo(2));
        // another source's resources are never listed, whatever the filter
        scim(client.get("/Groups", Map.of("filter", "displayName pr")), 200)
                .body("totalResults", equalTo(2)).body(not(containsString(fixture.otherGroupId())));
        assertEquals(before, probe.snapshot(SOURCE, OTHER_SOURCE));
    }

    /**
     * A filter at the clause limit (bridge.scim.max-filter-clauses, 50) is answered correctly and
     * fast; one past it is refused at once. Before the limit and the flat SQL, 60-180 clauses took
     * 10-20 s and ended in OutOfMemoryError inside Hibernate's HQL parser.
     */
    @Test
    void aFilterOfManyClausesIsAnsweredFastOrRefused() {
        ScimClient client = fixture.client();
        String atLimit = clauses(49, " or ") + " or userName eq \"holly@example.com\"";
        long started = System.nanoTime();
        scim(client.get(USERS, Map.of("filter", atLimit)), 200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(fixture.userId()));
        String andChain = clauses(49, " and ").replace("userName eq", "userName ne") + " and userName eq \"holly@example.com\"";
        scim(client.get(USERS, Map.of("filter", andChain)), 200).body("totalResults", equalTo(1));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis < 5_000, "two 50-clause filters took " + elapsedMillis + " ms");

        String over = clauses(180, " or ");
        assertTrue(over.length() <= 4096, "the probe is under the length limit: " + over.length());
        started = System.nanoTime();
        scimError(client.get(USERS, Map.of("filter", over)), 400, "invalidFilter");
        scimError(client.post(USERS + "/.search", obj("schemas", arr("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                "filter", over)), 400, "invalidFilter");
        elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis < 2_000, "refusing 180 clauses took " + elapsedMillis + " ms");
    }

    /** What the strict decoding must not refuse: characters beyond the BMP, raw or as an escaped pair. */
    @Test
    void wellFormedCharactersBeyondTheBmpAreAccepted() {
        ScimClient client = fixture.client();
        byte[] rawEmoji = withRawBytes("{\"schemas\":[\"" + AzureAd.CORE_USER + "\"],\"userName\":\"smile",
                new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, "@example.com\",\"displayName\":\"G\u00fcnther\"}");
        String raw = scim(client.post(USERS, rawEmoji), 201).body("userName", equalTo("smile\uD83D\uDE00@example.com"))
                .body("displayName", equalTo("G\u00fcnther")).extract().path("id");
        String escaped = scim(client.post(USERS, "{\"schemas\":[\"" + AzureAd.CORE_USER + "\"],"
                + "\"userName\":\"wink\\ud83d\\ude09@example.com\"}"), 201)
                .body("userName", equalTo("wink\uD83D\uDE09@example.com")).extract().path("id");
        client.delete(USERS + "/" + raw).then().statusCode(204);
        client.delete(USERS + "/" + escaped).then().statusCode(204);
    }

    @Test
    void pagingParametersOutOfRangeAreClampedNotRefused() {
        ScimClient client = fixture.client();
        scim(client.get(USERS, Map.of("count", "2000000000")), 200)
                .body("totalResults", equalTo(2)).body("itemsPerPage", equalTo(2));
        scim(client.get(USERS, Map.of("count", "99999999999")), 200).body("itemsPerPage", lessThanOrEqualTo(1000));
        scim(client.get(USERS, Map.of("count", "-5")), 200)
                .body("totalResults", equalTo(2)).body("itemsPerPage", equalTo(0));
        scim(client.get(USERS, Map.of("startIndex", "-10", "count", "1")), 200)
                .body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(1));
        scim(client.get(USERS, Map.of("startIndex", "0")), 200).body("startIndex", equalTo(1));
        scim(client.get(USERS, Map.of("startIndex", "2147483647")), 200)
                .body("totalResults", equalTo(2)).body("itemsPerPage", equalTo(0));
    }

    @Test
    void aRequestLineBeyondWhatTheServerReadsIsRefusedAndChangesNothing() {
        StoreProbe.Snapshot before = probe.snapshot(SOURCE, OTHER_SOURCE);
        // Vert.x refuses it before any SCIM code runs: a plain 414, never a 500
        fixture.client().get(USERS, Map.of("filter", "userName eq \"" + "x".repeat(20_000) + "\""))
                .then().statusCode(414);
        assertEquals(before, probe.snapshot(SOURCE, OTHER_SOURCE));
    }

    /** Whether the race is lost in the service's check or at the unique index, the answer is a 409. */
    @Test
    void concurrentCreatesOfOneNameMakeOneUserAndConflicts() throws Exception {
        ScimClient client = fixture.client();
        int clients = 8;
        CyclicBarrier start = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String spelling = i % 2 == 0 ? "racer@example.com" : "RACER@example.com";
                answers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return client.post(USERS, AzureAd.createUser(UserBuilder.user(spelling)));
                }));
            }
            int created = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get(60, TimeUnit.SECONDS);
                if (r.statusCode() == 201) {
                    created++;
                } else {
                    scimError(r, 409, "uniqueness");
                }
            }
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        scim(client.get(USERS, Map.of("filter", "userName eq \"racer@example.com\"")), 200).body("totalResults", equalTo(1));
        String id = client.get(USERS, Map.of("filter", "userName eq \"racer@example.com\"")).path("Resources[0].id");
        client.delete(USERS + "/" + id).then().statusCode(204);
    }

    @Test
    void refusedTokensGetABearerChallenge() {
        bearer(unsignedToken()).get(USERS).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body(not(containsString("eyJ"))); // the token is never echoed
    }

    // ------------------------------------------------------------------------------ helpers

    private static Case post(String name, String path, String body, int status, String scimType) {
        return new Case(name, f -> f.client().post(path, body), status, scimType);
    }

    /** A user whose userName holds {@code raw} exactly as given (bytes or a JSON escape). */
    private static Case malformedUnicode(String name, byte... raw) {
        return new Case("malformed Unicode: " + name, f -> f.client().post(USERS,
                withRawBytes("{\"schemas\":[\"" + AzureAd.CORE_USER + "\"],\"userName\":\"u", raw, "@example.com\"}")),
                400, "invalidValue");
    }

    private static byte[] withRawBytes(String before, byte[] raw, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + raw.length + tail.length);
        System.arraycopy(raw, 0, all, head.length, raw.length);
        System.arraycopy(tail, 0, all, head.length + raw.length, tail.length);
        return all;
    }

    private static Case postUser(String name, ObjectNode body, int status, String scimType) {
        return new Case(name, f -> f.client().post(USERS, body), status, scimType);
    }

    private static Case patchUser(String name, Object body, int status, String scimType) {
        return new Case("PATCH user: " + name, f -> f.client().patch(USERS + "/" + f.userId(), body), status, scimType);
    }

    private static Case patchGroup(String name, Object body, int status, String scimType) {
        return new Case("PATCH group: " + name, f -> f.client().patch("/Groups/" + f.groupId(), body), status, scimType);
    }

    private static Case filter(String name, String filter, String scimType) {
        return new Case("filter: " + name, f -> f.client().get(USERS, Map.of("filter", filter)), 400, scimType);
    }

    /** {@code n} userName comparisons joined by {@code operator}: the shape of the review's probe. */
    private static String clauses(int n, String operator) {
        return IntStream.range(0, n).mapToObj(i -> "userName eq \"u" + i + "\"")
                .collect(Collectors.joining(operator));
    }

    private static Case list(String name, Map<String, String> query, String scimType) {
        return new Case("list: " + name, f -> f.client().get(USERS, query), 400, scimType);
    }

    private static ScimClient bearer(String token) {
        return ScimClient.withAuthorization("Bearer " + token);
    }

    /** A valid user document padded past the body limit with an attribute the server would ignore. */
    private static String oversizedUser() {
        return "{\"userName\":\"big@example.com\",\"nickName\":\"" + "x".repeat(MAX_BODY) + "\"}";
    }

    private static ArrayNode manyEmails(int n) {
        ArrayNode emails = arr();
        for (int i = 0; i < n; i++) {
            emails.add(obj("value", "e" + i + "@example.com"));
        }
        return emails;
    }

    private static ObjectNode tooManyOperations(int n) {
        ArrayNode ops = arr();
        for (int i = 0; i < n; i++) {
            ops.add(obj("op", "replace", "path", "title", "value", "t" + i));
        }
        return obj("schemas", arr(AzureAd.PATCH_OP), "Operations", ops);
    }

    private static String forgedToken() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            return TestTokens.validClaims(SOURCE).jws().algorithm(SignatureAlgorithm.ES256)
                    .keyId(TestTokens.keys().keyId()).sign(gen.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real token's claims under {"alg":"none"} and without a signature. */
    private static String unsignedToken() {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + TestTokens.forSource(SOURCE).split("\\.")[1] + ".";
    }

    private static String revokedToken() {
        MintedToken minted = TestTokens.mint(TokenGrant.forSource(SOURCE));
        TestTokens.revoke(minted.metadata().id());
        return minted.token();
    }
}
