package io.scimbridge.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.ValidatableResponse;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.scim.ScimMediaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever fails inside a request, the IdP gets an RFC 7644 §3.12 error in application/scim+json,
 * never Quarkus's plain-text or HTML 500 page, and nothing of our internals. A transaction that
 * timed out is the store being busy: 503 with Retry-After, which Azure AD and Okta retry later.
 */
@QuarkusTest
class UnexpectedFailuresTest {

    private static final String PROBE = "/scim/v2/_failureprobe/";

    @BeforeAll
    static void scimJsonIsJson() {
        RestAssured.registerParser(ScimMediaType.SCIM_JSON, Parser.JSON);
    }

    @Test
    void aTransactionThatTimesOutIsA503WithRetryAfter() {
        scimError(call("transaction-timeout"), 503)
                .header("Retry-After", equalTo(ScimExceptionMappers.STORE_RETRY_AFTER_SECONDS))
                .body("detail", not(containsString("ARJUNA")));
    }

    @Test
    void anErrorIsA500InScimJsonWithoutInternals() {
        scimError(call("error"), 500)
                .header("Retry-After", org.hamcrest.Matchers.nullValue())
                .body("detail", equalTo("Internal error"))
                .body(not(containsString("hunter2"))).body(not(containsString("StackOverflow")));
    }

    @Test
    void aCheckedExceptionIsA500InScimJsonWithoutInternals() {
        scimError(call("checked"), 500)
                .body("detail", equalTo("Internal error"))
                .body(not(containsString("signing.jwk"))).body(not(containsString("IOException")));
    }

    private static ValidatableResponse call(String path) {
        return given().auth().oauth2(TestTokens.forSource("failures")).when().get(PROBE + path).then();
    }

    private static ValidatableResponse scimError(ValidatableResponse r, int status) {
        return r.statusCode(status)
                .header("Content-Type", startsWith(ScimMediaType.SCIM_JSON))
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo(Integer.toString(status)));
    }
}
