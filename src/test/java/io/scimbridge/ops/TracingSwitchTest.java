package io.scimbridge.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tracing switched on by configuration alone (what QUARKUS_OTEL_SDK_DISABLED=false does), with
 * the OTLP collector unreachable: spans are made, their export fails in the background, and the
 * IdP's SCIM calls are served as usual. Off (every other test) the tracer is a no-op.
 */
@QuarkusTest
@TestProfile(TracingSwitchTest.TracingOn.class)
class TracingSwitchTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    // the discard port: nothing listens, every export is refused at once
                    "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:9",
                    "quarkus.http.test-port", "0");
        }
    }

    @Inject
    OpenTelemetry openTelemetry;

    @Test
    void scimIsServedWhileTheCollectorIsUnreachable() {
        Span span = openTelemetry.getTracer("tracing-switch-test").spanBuilder("probe").startSpan();
        try {
            assertTrue(span.getSpanContext().isValid() && span.isRecording(), "the SDK is on: spans are real");
        } finally {
            span.end();
        }

        String token = TestTokens.forSource("tracing");
        String userName = "traced-" + UUID.randomUUID() + "@example.com";
        given().auth().oauth2(token).contentType("application/scim+json")
                .body("""
                        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "%s",
                         "name": {"givenName": "Traced", "familyName": "User"}, "active": true}""".formatted(userName))
                .post("/scim/v2/Users").then().statusCode(201);
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get("/scim/v2/Users").then().statusCode(200);
        }
    }
}
