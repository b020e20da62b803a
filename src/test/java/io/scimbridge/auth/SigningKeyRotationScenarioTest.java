package io.scimbridge.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.scimbridge.ops.cli.TokenCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator rotates the signing key under a running bridge with {@code token rotate-key}: the
 * IdP's old token keeps working until the cut-over and is refused after it, the new token works
 * throughout, and the gauges show both deadlines. Time is moved with a mock {@link AuthClock},
 * never waited for.
 */
@QuarkusTest
class SigningKeyRotationScenarioTest {

    private static final String SCIM_PROBE = "/scim/v2/_authprobe";
    private static final String SOURCE = "rotation-scenario";

    @BeforeAll
    static void scimJsonIsJson() {
        RestAssured.registerParser("application/scim+json", Parser.JSON);
    }

    @Test
    void oldTokenWorksUntilTheCutOverNewTokenThroughout() {
        MintedToken old = TestTokens.mint(TokenGrant.forSource(SOURCE));
        accepted(old);
        Instant cutOver = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

        // --force: an earlier run may have left its own rotation in this build's data dir
        var err = new ByteArrayOutputStream();
        int exit = new TokenCli(TestTokens.settings(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC())
                .run("rotate-key", "--cut-over", cutOver.toString(), "--force");
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));

        // no restart: the server re-reads the key files as soon as they changed
        accepted(old);
        MintedToken fresh = TestTokens.mint(TokenGrant.forSource(SOURCE));
        accepted(fresh);
        double cutOverSeconds = gauge("bridge_signing_key_cutover_seconds", "").orElseThrow();
        assertTrue(Math.abs(cutOverSeconds - Duration.between(Instant.now(), cutOver).toSeconds()) < 120, "cut-over in " + cutOverSeconds);
        double expirySeconds = gauge("bridge_token_expiry_seconds", "source=\"" + SOURCE + "\"").orElseThrow();
        assertTrue(expirySeconds > 3000 && expirySeconds <= 3600, "the new one-hour token counts: " + expirySeconds);

        QuarkusMock.installMockForType(new AuthClock() {
            @Override
            public Instant instant() {
                return cutOver.plusSeconds(1);
            }
        }, AuthClock.class);

        given().auth().oauth2(old.token()).when().get(SCIM_PROBE)
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"scim-bridge\", error=\"invalid_token\""))
                .body("detail", equalTo("Token is signed with a retired key"));
        accepted(fresh);
        assertEquals(Optional.empty(), gauge("bridge_signing_key_cutover_seconds", ""), "no previous key in use any more");
    }

    private static void accepted(MintedToken token) {
        given().auth().oauth2(token.token()).when().get(SCIM_PROBE)
                .then().statusCode(200).body("tokenId", equalTo(token.metadata().id()));
    }

    /** The value of one series in /q/metrics, if present; {@code labels} as written between the braces. */
    private static Optional<Double> gauge(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + (labels.isEmpty() ? "" : "\\{" + Pattern.quote(labels) + "}")
                + " ([-0-9.Ee+]+)$").matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }
}
