package io.scimbridge.ops.status;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.scimbridge.auth.BearerAuthFilter;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.aws.emulator.InjectAwsEmulators;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.scenario.CleanSlate;
import io.scimbridge.testing.scenario.BridgeInspector;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * Who gets to see the status page and press its buttons, over plain HTTP: no session, a SCIM
 * token, a forged cookie and a form from another site see no data and change nothing.
 */
@QuarkusTest
@TestProfile(EmulatedIdentityCenterProfile.class)
class StatusPageAccessTest {

    private static final String COOKIE = BearerAuthFilter.SESSION_COOKIE;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @InjectAwsEmulators
    AwsEmulators aws;

    @Inject
    BridgeInspector bridge;

    @Inject
    CleanSlate cleanSlate;

    DeadLetterFixture fixture;

    @BeforeEach
    void startFromNothing() {
        fixture = new DeadLetterFixture(aws, bridge, cleanSlate);
        fixture.startFromNothing();
    }

    @Test
    void withoutASessionOnlyTheSignInFormIsShown() {
        String stuck = fixture.deadLetterFor("hidden@contoso.com");

        String body = given().redirects().follow(false).when().get("/admin/status")
                .then().statusCode(401)
                .contentType(startsWith("text/html"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Set-Cookie", nullValue())
                .body(allOf(containsString("id=\"sign-in\""), containsString("name=\"token\"")))
                .extract().asString();

        assertNoData(body, stuck);
    }

    @Test
    void aScimTokenIsRefusedEverywhere() {
        String scim = TestTokens.forSource("azure");

        given().header("Authorization", "Bearer " + scim).when().get("/admin/status")
                .then().statusCode(401).body(containsString("not an admin token"));
        String page = given().cookie(COOKIE, scim).when().get("/admin/status")
                .then().statusCode(401)
                .header("Set-Cookie", allOf(startsWith(COOKIE + "=;"), containsString("Max-Age=0")))
                .extract().asString();
        assertNoData(page, null);
        given().formParam("token", scim).when().post("/admin/status/session")
                .then().statusCode(401)
                .header("Set-Cookie", nullValue())
                .body(containsString("Refused: Token is not an admin token"));
    }

    @Test
    void aForgedCookieIsRefusedAndCannotRetry() {
        String stuck = fixture.deadLetterFor("forged@contoso.com");
        String admin = TestTokens.admin();
        String forged = admin.substring(0, admin.lastIndexOf('.') + 1) + "AAAA" + admin.substring(admin.lastIndexOf('.') + 5);

        String page = given().cookie(COOKIE, forged).when().get("/admin/status")
                .then().statusCode(401).extract().asString();
        assertNoData(page, stuck);
        given().cookie(COOKIE, forged).formParam("csrf", "anything")
                .when().post("/admin/status/dead-letters/" + stuck + "/retry")
                .then().statusCode(401);
        assertTrue(fixture.deadLetter(stuck).isPresent(), "still a dead letter");
    }

    @Test
    void theSessionCookieOpensTheStatusPageOnly() {
        String admin = TestTokens.admin();

        given().cookie(COOKIE, admin).when().get("/admin/status").then().statusCode(200);
        given().cookie(COOKIE, admin).when().get("/admin/queue").then().statusCode(401);
        given().cookie(COOKIE, admin).when().post("/admin/reconcile").then().statusCode(401);
        // a dot segment must not smuggle the cookie (or the sign-in exemption) onto another path
        given().urlEncodingEnabled(false).cookie(COOKIE, admin).when().get("/admin/status/%2e%2e/queue")
                .then().statusCode(not(200));
        given().urlEncodingEnabled(false).when().get("/admin/status/%2e%2e/queue")
                .then().statusCode(401);
    }

    @Test
    void signingInSetsAHardenedCookieAndNeverShowsTheToken() {
        String admin = TestTokens.admin();

        Response signedIn = given().redirects().follow(false).formParam("token", admin)
                .when().post("/admin/status/session");
        signedIn.then().statusCode(303).header("Location", endsWith("/admin/status"));
        String cookie = signedIn.getHeader("Set-Cookie");
        assertEquals(COOKIE + "=" + admin + "; Path=/admin; HttpOnly; SameSite=Strict", cookie);

        given().redirects().follow(false).header("X-Forwarded-Proto", "https").formParam("token", "Bearer " + admin)
                .when().post("/admin/status/session")
                .then().statusCode(303).header("Set-Cookie", endsWith("; Secure"));

        String page = given().cookie(COOKIE, admin).when().get("/admin/status")
                .then().statusCode(200).header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .extract().asString();
        assertFalse(page.contains(admin), "the token is never written into the page");
        assertFalse(page.contains(admin.substring(admin.lastIndexOf('.') + 1)), "not even its signature");

        given().redirects().follow(false).cookie(COOKIE, admin).when().post("/admin/status/sign-out")
                .then().statusCode(303).header("Set-Cookie", allOf(startsWith(COOKIE + "=;"), containsString("Max-Age=0")));
    }

    @Test
    void aRetryWithoutThisSessionsCsrfTokenOrFromAnotherSiteChangesNothing() {
        String stuck = fixture.deadLetterFor("csrf@contoso.com");
        String admin = TestTokens.admin();
        String csrf = csrfOf(given().cookie(COOKIE, admin).when().get("/admin/status").then().statusCode(200)
                .body(containsString(stuck)).extract().asString());
        String retry = "/admin/status/dead-letters/" + stuck + "/retry";

        given().cookie(COOKIE, admin).contentType("application/x-www-form-urlencoded")
                .when().post(retry).then().statusCode(403);
        given().cookie(COOKIE, admin).formParam("csrf", csrfOf(page(TestTokens.admin())))
                .when().post(retry).then().statusCode(403); // another session's token
        given().cookie(COOKIE, admin).formParam("csrf", csrf).header("Origin", "https://evil.example")
                .when().post(retry).then().statusCode(403);
        given().cookie(COOKIE, admin).formParam("csrf", csrf).header("Referer", "https://evil.example/page")
                .when().post(retry).then().statusCode(403);
        given().cookie(COOKIE, admin).formParam("csrf", csrf).header("Origin", "null")
                .when().post(retry).then().statusCode(403);
        assertTrue(fixture.deadLetter(stuck).isPresent(), "still a dead letter after every refused retry");

        given().redirects().follow(false).cookie(COOKIE, admin).formParam("csrf", csrf)
                .header("Origin", "http://" + hostHeader())
                .when().post(retry)
                .then().statusCode(303).header("Location", containsString("notice=retried"));
        assertFalse(fixture.deadLetter(stuck).isPresent(), "back in the queue");
    }

    private static String page(String token) {
        return given().cookie(COOKIE, token).when().get("/admin/status").then().statusCode(200).extract().asString();
    }

    private static String csrfOf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page (is there a dead letter to retry?)");
        }
        return m.group(1);
    }

    private static String hostHeader() {
        return "localhost:" + RestAssured.port;
    }

    private static void assertNoData(String body, String hiddenResourceId) {
        for (String section : new String[] {"health", "queue", "dead-letters", "reconciliation", "assignments", "rules", "audit"}) {
            assertFalse(body.contains("id=\"" + section + "\""), "section " + section + " leaked into the sign-in form");
        }
        assertFalse(body.contains("name=\"csrf\""), "no CSRF token without a session");
        if (hiddenResourceId != null) {
            assertFalse(body.contains(hiddenResourceId), "the dead letter's id leaked");
        }
    }
}
