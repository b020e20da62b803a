package io.scimbridge.testing.idp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One IdP connection talking SCIM to the bridge with its source's token, over {@link ScimClient}.
 * Every call expects the bridge to accept (2xx) and says which write failed otherwise: the
 * scenarios are about what happens downstream, not about the front door's refusals.
 *
 * <pre>{@code
 * IdpConnection azure = IdpConnection.azure();
 * String id = azure.createUser(UserBody.azure("adele.vance@contoso.com"));
 * azure.patchUser(id, PatchBody.azure().deactivate());   // Azure AD disables a user
 * }</pre>
 */
public final class IdpConnection {

    private final ScimClient client;
    private final AtomicInteger writes = new AtomicInteger();

    private IdpConnection(String source, String userAgent) {
        this.client = ScimClient.as(source).withHeader("User-Agent", userAgent);
    }

    public static IdpConnection azure() {
        return new IdpConnection("azure", AzureAd.USER_AGENT);
    }

    public static IdpConnection okta() {
        return new IdpConnection("okta", Okta.USER_AGENT);
    }

    public String createUser(UserBody user) {
        return created(client.post("/Users", user.json()), "create user " + user.userName());
    }

    /**
     * Creates many users with several requests in flight, as the IdPs' own provisioning does, over
     * {@link ScimOverHttp}: REST Assured's Groovy runtime can deadlock in class initialisation when
     * first used from several threads at once.
     */
    public List<String> createUsers(List<UserBody> users) {
        ScimOverHttp http = new ScimOverHttp(RestAssured.baseURI + ":" + RestAssured.port, client.authorization(),
                client.header("User-Agent"), Duration.ofSeconds(10), Duration.ofSeconds(60));
        Semaphore inFlight = new Semaphore(4);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> ids = new ArrayList<>();
            for (UserBody user : users) {
                ids.add(threads.submit(() -> {
                    inFlight.acquire();
                    try {
                        ScimOverHttp.Answer answer = http.send("POST", ScimClient.BASE + "/Users", Json.write(user.json()));
                        if (answer.status() != 201) {
                            throw new AssertionError("bridge refused to create user " + user.userName() + ": "
                                    + answer.status() + " " + answer.text());
                        }
                        writes.incrementAndGet();
                        return answer.body().path("id").asText();
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
        return (ObjectNode) ScimClient.tree(expect(client.get("/Users/" + id), 200, "get user " + id));
    }

    /** Azure's existence check: how many users have this userName. */
    public int countUsers(String userName) {
        Response r = expect(client.get("/Users", AzureAd.userExistsQuery(userName)), 200, "find user " + userName);
        return r.jsonPath().getInt("totalResults");
    }

    public void putUser(String id, UserBody user) {
        expect(client.put("/Users/" + id, user.json()), 200, "replace user " + id);
        writes.incrementAndGet();
    }

    public void patchUser(String id, PatchBody patch) {
        expect2xx(client.patch("/Users/" + id, patch.json()), "patch user " + id);
    }

    public void deleteUser(String id) {
        expect(client.delete("/Users/" + id), 204, "delete user " + id);
        writes.incrementAndGet();
    }

    public String createGroup(GroupBody group) {
        return created(client.post("/Groups", group.json()), "create group " + group.displayName());
    }

    public void patchGroup(String id, PatchBody patch) {
        expect2xx(client.patch("/Groups/" + id, patch.json()), "patch group " + id);
    }

    public void deleteGroup(String id) {
        expect(client.delete("/Groups/" + id), 204, "delete group " + id);
        writes.incrementAndGet();
    }

    /** Writes the bridge accepted from this connection so far. */
    public int writes() {
        return writes.get();
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
}
