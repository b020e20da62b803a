package io.scimbridge.identitycenter;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scimbridge.auth.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One IdP connection talking SCIM to the bridge with its source's token. Every call expects the
 * bridge to accept (2xx) and says which write failed otherwise: the scenarios are about what
 * happens downstream, not about the front door's refusals.
 */
public final class IdpConnection {

    static final String SCIM_JSON = "application/scim+json";

    static {
        RestAssured.registerParser(SCIM_JSON, Parser.JSON);
    }

    private final String authorization;
    private final String userAgent;

    private IdpConnection(String source, String userAgent) {
        this.authorization = TestTokens.bearer(source);
        this.userAgent = userAgent;
    }

    public static IdpConnection azure() {
        return new IdpConnection("azure", "Azure AD SCIM Client");
    }

    public static IdpConnection okta() {
        return new IdpConnection("okta", "Okta SCIM Client 1.0.0");
    }

    public String createUser(UserBody user) {
        return created(send(user.json()).post("/scim/v2/Users"), "create user " + user.userName());
    }

    public ObjectNode getUser(String id) {
        return read(expect(request().get("/scim/v2/Users/" + id), 200, "get user " + id));
    }

    /** Azure's existence check: how many users have this userName. */
    public int countUsers(String userName) {
        Response r = expect(request().queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users"),
                200, "find user " + userName);
        return r.jsonPath().getInt("totalResults");
    }

    public void putUser(String id, UserBody user) {
        expect(send(user.json()).put("/scim/v2/Users/" + id), 200, "replace user " + id);
    }

    public void patchUser(String id, PatchBody patch) {
        expect2xx(send(patch.json()).patch("/scim/v2/Users/" + id), "patch user " + id);
    }

    public void deleteUser(String id) {
        expect(request().delete("/scim/v2/Users/" + id), 204, "delete user " + id);
    }

    public String createGroup(GroupBody group) {
        return created(send(group.json()).post("/scim/v2/Groups"), "create group " + group.displayName());
    }

    public void patchGroup(String id, PatchBody patch) {
        expect2xx(send(patch.json()).patch("/scim/v2/Groups/" + id), "patch group " + id);
    }

    public void deleteGroup(String id) {
        expect(request().delete("/scim/v2/Groups/" + id), 204, "delete group " + id);
    }

    private RequestSpecification request() {
        return given().header("Authorization", authorization).header("User-Agent", userAgent).accept(SCIM_JSON);
    }

    private RequestSpecification send(ObjectNode body) {
        return request().contentType(SCIM_JSON).body(body.toString());
    }

    private static String created(Response response, String what) {
        return expect(response, 201, what).jsonPath().getString("id");
    }

    private static Response expect(Response response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError("bridge refused to " + what + ": " + response.statusCode() + " " + response.asString());
        }
        return response;
    }

    private static void expect2xx(Response response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("bridge refused to " + what + ": " + response.statusCode() + " " + response.asString());
        }
    }

    private static ObjectNode read(Response response) {
        try {
            JsonNode node = UserBody.JSON.readTree(response.asString());
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
