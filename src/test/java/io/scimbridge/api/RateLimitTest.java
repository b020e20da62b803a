package io.scimbridge.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.scim.ScimMediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An IdP flooding /scim/v2 gets 429 with Retry-After and a SCIM error body once its bucket is
 * empty; another source is not affected; the bucket refills with time.
 */
@QuarkusTest
@TestProfile(RateLimitTest.TinyLimit.class)
class RateLimitTest {

    public static class TinyLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-port", "0",
                    "bridge.scim.rate-limit.requests-per-second", "2",
                    "bridge.scim.rate-limit.burst", "3");
        }
    }

    @BeforeAll
    static void scimJsonIsJson() {
        RestAssured.registerParser(ScimMediaType.SCIM_JSON, Parser.JSON);
    }

    private static Response get(String token, String path) {
        return given().auth().oauth2(token).when().get(path).andReturn();
    }

    @Test
    void floodingSourceIsThrottledOthersAreNotAndTheBucketRefills() {
        String flooder = TestTokens.forSource("flooder");
        String other = TestTokens.forSource("quiet");

        List<Integer> statuses = new ArrayList<>();
        Response throttled = null;
        for (int i = 0; i < 10; i++) {
            Response r = get(flooder, "/scim/v2/Users");
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && throttled == null) {
                throttled = r;
            }
        }
        assertEquals(200, statuses.get(0), "first request of a fresh bucket passes: " + statuses);
        assertTrue(statuses.contains(429), "a burst of 10 over burst=3 is throttled: " + statuses);

        throttled.then()
                .header("Content-Type", startsWith(ScimMediaType.SCIM_JSON))
                .body("status", equalTo("429"))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"));
        String retryAfter = throttled.header("Retry-After");
        assertTrue(retryAfter != null && retryAfter.matches("[1-9][0-9]*"), "Retry-After in whole seconds: " + retryAfter);

        // unknown paths under /scim/v2 count too, and are refused before routing
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            unknown.add(get(flooder, "/scim/v2/NoSuchThing").statusCode());
        }
        assertTrue(unknown.contains(429), "unknown paths are limited too: " + unknown);

        // another source has its own bucket
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(other, "/scim/v2/Users").statusCode(), "quiet source, request " + i);
        }

        // refusals are counted apart from other client errors, for the "429 rate" alert
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("scim_requests_seconds_count") && l.contains("outcome=\"throttled\"")),
                "scim_requests_seconds_count{outcome=\"throttled\"} is exported");

        // the flooder's bucket refills at 2/s
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(flooder, "/scim/v2/Users").statusCode() == 200);
    }

    @Test
    void healthIsNotLimited() {
        for (int i = 0; i < 8; i++) {
            assertFalse(given().when().get("/q/health/live").statusCode() == 429);
        }
    }

    @Test
    void limiterArithmetic() {
        long[] now = {0};
        SourceRateLimiter limiter = new SourceRateLimiter(2, 3, () -> now[0]);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("a"));
        assertEquals(1, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("b"));
        now[0] += 500_000_000L; // half a second: one token back at 2/s
        assertEquals(0, limiter.acquire("a"));
        assertEquals(1, limiter.acquire("a"));
        now[0] += 10_000_000_000L; // long idle: capped at burst
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire("a"));
        }
        assertEquals(1, limiter.acquire("a"));

        SourceRateLimiter slow = new SourceRateLimiter(0.1, 1, () -> now[0]);
        assertEquals(0, slow.acquire("a"));
        assertEquals(10, slow.acquire("a"));

        SourceRateLimiter off = new SourceRateLimiter(0, 1, () -> now[0]);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, off.acquire("a"));
        }
    }
}
