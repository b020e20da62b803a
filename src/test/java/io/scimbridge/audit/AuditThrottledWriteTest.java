package io.scimbridge.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scimbridge.auth.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.UserBody;

/**
 * A write the rate limit refuses never reaches an endpoint (the limit is a pre-matching filter),
 * yet it is an authenticated write the IdP will retry: audited as a 429 with its correlation id.
 */
@QuarkusTest
@TestProfile(AuditThrottledWriteTest.OneWritePerMinute.class)
class AuditThrottledWriteTest {

    public static class OneWritePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0",
                    // one a minute: however slow this machine, the second write of a source is refused
                    "bridge.scim.rate-limit.requests-per-second", "0.0167",
                    "bridge.scim.rate-limit.burst", "1");
        }
    }

    @Test
    void aThrottledCreateIsAuditedAsA429() {
        String source = "audit-429-" + UUID.randomUUID().toString().substring(0, 8);
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(given().header("Authorization", TestTokens.bearer(source)).contentType("application/scim+json")
                    .body(UserBody.azure("u" + i + "." + source + "@contoso.com").json().toString())
                    .post("/scim/v2/Users"));
        }
        List<Response> throttled = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(2, throttled.size(), "a burst of 1 and one write a minute refuse the second and third: "
                + answers.stream().map(Response::statusCode).toList());

        List<Map<String, Object>> entries = AuditApi.query().source(source).outcome("429").entries();
        assertEquals(throttled.size(), entries.size(), entries.toString());
        assertEquals(throttled.stream().map(r -> r.header("X-Request-Id")).sorted().toList(),
                entries.stream().map(e -> (String) e.get("correlationId")).sorted().toList());
        assertEquals("create", entries.get(0).get("operation"));
        assertEquals("User", entries.get(0).get("resourceType"));
    }
}
