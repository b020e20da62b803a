package io.scimbridge.store.sqlite;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scimbridge.auth.TestTokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The store is held by a long write (a 20,000-member replace, a purge): an IdP's write that cannot
 * get it in time is told to come back later (SCIM 503 with Retry-After), never a 500, and it goes
 * through once the store is free. Reads do not wait for the writer at all.
 */
@QuarkusTest
@TestProfile(BusyStoreTest.ShortWaits.class)
class BusyStoreTest {

    public static class ShortWaits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-port", "0",
                    "bridge.store.write-lock-timeout", "200ms",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.busy_timeout", "300");
        }
    }

    @Inject
    EntityManager em;

    @Test
    void aWriteThatCannotGetTheStoreIsA503WithRetryAfterAndReadsGoOn() throws Exception {
        String azure = TestTokens.forSource("azure");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        // its own thread: REST Assured's first request needs the common pool, which has one worker on 2 cores
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> longWrite = writer.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from ic_dry_run_call where seq < 0").executeUpdate(); // takes SQLite's write lock
            writing.countDown();
            Latches.awaitLetGo(finish);
        }));
        assertTrue(writing.await(30, TimeUnit.SECONDS));
        try {
            Response refused = createUser(azure, "busy@example.com");
            assertEquals(503, refused.statusCode(), refused.asString());
            assertEquals("application/scim+json", refused.contentType());
            assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);
            assertEquals("503", refused.jsonPath().getString("status"));

            assertEquals(200, given().auth().oauth2(azure).get("/scim/v2/Users").statusCode(), "reads do not wait");
        } finally {
            finish.countDown();
            longWrite.get(30, TimeUnit.SECONDS);
            writer.shutdown();
        }
        // The IdP retries until the store takes the write. Not always the first retry: a writer that
        // gave up waiting for the lock (the audit entry of the refused request) may still be
        // committing, and a write that meets it is refused the same way, changing nothing.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> createUser(azure, "busy@example.com").statusCode(), status -> status == 201);
        assertEquals(1, given().auth().oauth2(azure).queryParam("filter", "userName eq \"busy@example.com\"")
                .get("/scim/v2/Users").jsonPath().getInt("totalResults"), "created once, whatever the refusals");
    }

    private static Response createUser(String token, String userName) {
        return given().auth().oauth2(token).contentType("application/scim+json")
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}")
                .post("/scim/v2/Users").andReturn();
    }
}
