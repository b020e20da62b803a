package io.scimbridge.ops.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.scimbridge.auth.TestTokens;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Whoever sends requests to made-up paths must not be able to grow /q/metrics: 200 different
 * unknown paths, routed (404) or refused before routing (401), leave the number of distinct
 * {@code uri} tags of http_server_requests alone. A probe found 150 unauthenticated
 * /admin/status/... paths filled Micrometer's URI tag cap (100), after which new series, real
 * endpoints' included, are dropped.
 */
@QuarkusTest
class HttpMetricsCardinalityTest {

    private static final Pattern URI_TAG = Pattern.compile("uri=\"([^\"]*)\"");

    @Test
    void unknownPathsDoNotCreateAUriTagEach() {
        String admin = TestTokens.admin();
        String scim = TestTokens.forSource("cardinality");
        String probe = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 50; i++) {
            given().auth().oauth2(admin).get("/admin/status/" + probe + "-a" + i).then().statusCode(404);
            given().auth().oauth2(scim).get("/scim/v2/" + probe + "-s" + i).then().statusCode(404);
            // refused before routing (no token): the 401 has no route template to name it
            given().get("/admin/status/" + probe + "-u" + i).then().statusCode(401);
            given().get("/scim/v2/" + probe + "-n" + i).then().statusCode(401);
        }
        given().auth().oauth2(admin).get("/admin/queue").then().statusCode(200);

        Set<String> uris = uriTags();
        Set<String> probes = uris.stream().filter(u -> u.contains(probe)).collect(Collectors.toSet());
        assertTrue(probes.isEmpty(), "unknown paths became uri tags: " + probes.size() + " e.g. "
                + probes.stream().limit(5).toList());
        assertTrue(uris.contains("/admin/queue"), "real endpoints keep their template: " + uris);
        assertTrue(uris.size() < 60, "distinct uri tags: " + uris.size() + " " + uris);
    }

    private static Set<String> uriTags() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count"))
                .map(URI_TAG::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
    }
}
