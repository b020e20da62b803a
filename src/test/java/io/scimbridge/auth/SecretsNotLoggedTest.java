package io.scimbridge.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets never reach the logs: the test application logs to a file at DEBUG
 * for io.scimbridge (and writes an access log), is handed valid, tampered, revoked and misplaced
 * bearer tokens, a user with a password, and an Identity Center token for an Identity Center that
 * cannot be reached (so delivery fails and logs why); then neither the log file nor /q/metrics
 * may contain any of those secrets, whole or their signature part.
 */
@QuarkusTest
@TestProfile(SecretsNotLoggedTest.FileLog.class)
class SecretsNotLoggedTest {

    static final String IC_TOKEN = "ic-secret-token-" + "Zq8Xw3Vt5Rk2Pm9Ln4Hs";
    static final String PASSWORD = "Pa55-w0rd-" + "Jx7Kq2Bz9Mv4";
    /**
     * In the build folder, named by this JVM's pid: the same path whichever class loader (test or
     * application) initialises this class, and a fresh file for every test run.
     */
    static final Path LOG_FILE = Path.of(System.getProperty("build.dir", "target"),
            "secrets-not-logged-" + ProcessHandle.current().pid() + ".log").toAbsolutePath();

    public static class FileLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("quarkus.http.test-port", "0");
            config.put("quarkus.log.file.enabled", "true");
            config.put("quarkus.log.file.path", LOG_FILE.toString());
            config.put("quarkus.log.category.\"io.scimbridge\".level", "DEBUG");
            config.put("quarkus.http.access-log.enabled", "true");
            config.put("quarkus.http.access-log.pattern", "combined");
            // discard port: every delivery fails with a connection error
            config.put("bridge.identity-center.scim-url", "http://127.0.0.1:9/x/scim/v2");
            config.put("bridge.identity-center.scim-token", IC_TOKEN);
            config.put("bridge.identity-center.max-backoff", "1s");
            config.put("bridge.identity-center.poll-interval", "100ms");
            config.put("bridge.identity-center.request-timeout", "2s");
            return config;
        }
    }

    @Test
    void noSecretInLogsOrMetrics() throws IOException {
        List<String> secrets = new ArrayList<>(List.of(IC_TOKEN, PASSWORD));

        // a valid token
        String valid = TestTokens.forSource("okta");
        secrets.add(valid);
        assertEquals(200, given().auth().oauth2(valid).get("/scim/v2/Users").statusCode());

        // a tampered one: last character of the signature changed
        String tampered = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");
        secrets.add(tampered);
        assertEquals(401, given().auth().oauth2(tampered).get("/scim/v2/Users").statusCode());

        // a revoked one
        MintedToken revoked = TestTokens.mint(TokenGrant.forSource("azure"));
        secrets.add(revoked.token());
        TestTokens.revoke(revoked.metadata().id());
        assertEquals(401, given().auth().oauth2(revoked.token()).get("/scim/v2/Users").statusCode());

        // an admin token on the SCIM API, a SCIM token on the admin API
        String admin = TestTokens.admin();
        secrets.add(admin);
        assertEquals(401, given().auth().oauth2(admin).get("/scim/v2/Users").statusCode());
        String scimOnAdmin = TestTokens.forSource("okta");
        secrets.add(scimOnAdmin);
        assertEquals(401, given().auth().oauth2(scimOnAdmin).get("/admin/_authprobe").statusCode());

        // a token sent with the wrong scheme, and Basic credentials
        String wrongScheme = TestTokens.forSource("okta");
        secrets.add(wrongScheme);
        assertEquals(401, given().header("Authorization", "Token " + wrongScheme).get("/scim/v2/Users").statusCode());
        String basic = Base64.getEncoder().encodeToString(("okta:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        secrets.add(basic);
        assertEquals(401, given().header("Authorization", "Basic " + basic).get("/scim/v2/Users").statusCode());

        // a user with a password, which the bridge then fails to deliver to Identity Center
        String body = """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName": "secret.keeper@example.com",
                 "name": {"givenName": "Secret", "familyName": "Keeper"},
                 "displayName": "Secret Keeper",
                 "active": true,
                 "password": "%s"}
                """.formatted(PASSWORD);
        assertEquals(201, given().auth().oauth2(valid).contentType("application/scim+json").body(body)
                .post("/scim/v2/Users").statusCode());
        // and a malformed one carrying the password, refused while parsing
        given().auth().oauth2(valid).contentType("application/scim+json")
                .body("{\"userName\": \"broken\", \"password\": \"" + PASSWORD + "\", ")
                .post("/scim/v2/Users").then().statusCode(400);

        // the failed delivery is logged (twice: at least one retry)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> countOccurrences(readLog(), "Delivery of User") >= 2);

        // every secret also without its header and payload: the signature alone is a secret too
        List<String> all = new ArrayList<>(secrets);
        for (String secret : secrets) {
            String[] parts = secret.split("\\.");
            if (parts.length == 3) {
                all.add(parts[2]);
            }
        }

        String log = readLog();
        assertTrue(log.contains("Refused GET"), "the refusals above were logged (DEBUG/INFO reach the file)");
        assertTrue(log.contains("/scim/v2/Users"), "the access log reaches the file");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String secret : all) {
            assertFalse(log.contains(secret), "log file " + LOG_FILE + " contains a secret: " + abbreviate(secret));
            assertFalse(metrics.contains(secret), "/q/metrics contains a secret: " + abbreviate(secret));
        }
    }

    private static String readLog() throws IOException {
        return Files.exists(LOG_FILE) ? Files.readString(LOG_FILE, StandardCharsets.UTF_8) : "";
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    private static String abbreviate(String secret) {
        return secret.substring(0, Math.min(8, secret.length())) + "...";
    }
}
