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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final AtomicInteger writes = new AtomicInteger();

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

    /**
     * Creates many users with several requests in flight, as the IdPs' own provisioning does. A
     * plain HTTP client: REST Assured's Groovy runtime can deadlock in class initialisation when
     * first used from several threads at once.
     */
    public List<String> createUsers(List<UserBody> users) {
        HttpClient http = HttpClient.newHttpClient();
        URI endpoint = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/scim/v2/Users");
        Semaphore inFlight = new Semaphore(4);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> ids = new ArrayList<>();
            for (UserBody user : users) {
                ids.add(threads.submit(() -> {
                    inFlight.acquire();
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                                .header("Authorization", authorization).header("User-Agent", userAgent)
                                .header("Content-Type", SCIM_JSON).header("Accept", SCIM_JSON)
                                .POST(HttpRequest.BodyPublishers.ofString(user.json().toString())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 201) {
                            throw new AssertionError("bridge refused to create user " + user.userName() + ": "
                                    + response.statusCode() + " " + response.body());
                        }
                        writes.incrementAndGet();
                        return UserBody.JSON.readTree(response.body()).path("id").asText();
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> id : ids) {
                out.add(id.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        }
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
        writes.incrementAndGet();
    }

    public void patchUser(String id, PatchBody patch) {
        expect2xx(send(patch.json()).patch("/scim/v2/Users/" + id), "patch user " + id);
    }

    public void deleteUser(String id) {
        expect(request().delete("/scim/v2/Users/" + id), 204, "delete user " + id);
        writes.incrementAndGet();
    }

    public String createGroup(GroupBody group) {
        return created(send(group.json()).post("/scim/v2/Groups"), "create group " + group.displayName());
    }

    public void patchGroup(String id, PatchBody patch) {
        expect2xx(send(patch.json()).patch("/scim/v2/Groups/" + id), "patch group " + id);
    }

    public void deleteGroup(String id) {
        expect(request().delete("/scim/v2/Groups/" + id), 204, "delete group " + id);
        writes.incrementAndGet();
    }

    /** Writes the bridge accepted from this connection so far. */
    public int writes() {
        return writes.get();
    }

    private RequestSpecification request() {
        return given().header("Authorization", authorization).header("User-Agent", userAgent).accept(SCIM_JSON);
    }

    private RequestSpecification send(ObjectNode body) {
        return request().contentType(SCIM_JSON).body(body.toString());
    }

    private String created(Response response, String what) {
        String id = expect(response, 201, what).jsonPath().getString("id");
        writes.incrementAndGet();
        return id;
    }

    private static Response expect(Response response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError("bridge refused to " + what + ": " + response.statusCode() + " " + response.asString());
        }
        return response;
    }

    private void expect2xx(Response response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("bridge refused to " + what + ": " + response.statusCode() + " " + response.asString());
        }
        writes.incrementAndGet();
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
