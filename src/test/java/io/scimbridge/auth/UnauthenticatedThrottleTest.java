package io.scimbridge.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.scimbridge.scim.ScimMediaType;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Someone without a valid token, hammering from one address, gets a few 401s and then cheap
 * 429s with Retry-After, answered before any token is parsed or its signature checked. An IdP
 * with a valid token never uses up the address's allowance.
 */
@QuarkusTest
@TestProfile(UnauthenticatedThrottleTest.TinyAllowance.class)
class UnauthenticatedThrottleTest {

    /** Three refusals, then one more every 100 s: nothing refills during the test. */
    public static class TinyAllowance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-port", "0",
                    "bridge.auth.unauthenticated-rate-limit.requests-per-second", "0.01",
                    "bridge.auth.unauthenticated-rate-limit.burst", "3");
        }
    }

    @BeforeAll
    static void scimJsonIsJson() {
        RestAssured.registerParser(ScimMediaType.SCIM_JSON, Parser.JSON);
    }

    @Test
    void anAddressThatKeepsFailingAuthenticationIsThrottledBeforeItsTokenIsChecked() {
        String valid = TestTokens.forSource("throttle-idp");
        // a real IdP's traffic takes nothing from the allowance
        for (int i = 0; i < 10; i++) {
            given().auth().oauth2(valid).get("/scim/v2/Users").then().statusCode(200);
        }
        // three refusals: no header, garbage, a forged signature
        given().get("/scim/v2/Users").then().statusCode(401);
        given().auth().oauth2("not.a.jwt").get("/scim/v2/Users").then().statusCode(401);
        given().auth().oauth2(valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA").get("/admin/queue").then().statusCode(401);

        // from now on: 429 in SCIM JSON, whatever is presented, on both APIs and on unknown paths
        for (String path : new String[] {"/scim/v2/Users", "/scim/v2/NoSuchThing", "/admin/queue", "/admin/status/xyz"}) {
            given().auth().oauth2("still.not.valid").get(path).then()
                    .statusCode(429)
                    .header("Content-Type", startsWith(ScimMediaType.SCIM_JSON))
                    .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                    .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .body("status", equalTo("429"));
        }
        // the gate answers before verifying: even a valid token waits for the address's bucket
        assertEquals(429, given().auth().oauth2(valid).get("/scim/v2/Users").statusCode());
        // paths outside the APIs are not gated
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        assertEquals(UnauthenticatedThrottle.key("2001:db8:1:2:aaaa::1"), UnauthenticatedThrottle.key("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
        assertEquals("2001:db8:1:2::/64", UnauthenticatedThrottle.key("2001:0db8:0001:0002:0:0:0:1"));
        assertEquals("192.0.2.7", UnauthenticatedThrottle.key("192.0.2.7"));
    }
}
