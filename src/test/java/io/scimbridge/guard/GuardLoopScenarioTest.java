package io.scimbridge.guard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.guard.DeprovisionGuard;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * The guard with the delivery loop running, as in production: Azure AD unscopes 60 of 100 users;
 * the loop parks the held deliveries (no hot retry) and the IdP never sees an error; the
 * operator's release wakes them and Identity Center ends up as the IdP says.
 */
@QuarkusTest
@TestProfile(GuardLoopProfile.class)
class GuardLoopScenarioTest extends ForwarderScenario {

    @Inject
    DeprovisionGuard guard;

    @Test
    void heldDeliveriesAreParkedAndTheReleaseWakesThem() {
        IdpConnection azure = IdpConnection.azure();
        List<String> users = azure.createUsers(IntStream.range(0, 100)
                .mapToObj(i -> UserBody.azure("loop" + i + "@contoso.com").workEmail()).toList());
        awaitIdentityCenterMirrorsBridge();

        users.subList(0, 60).forEach(u -> azure.patchUser(u, PatchBody.azure().replace("active", false)));

        eventually().untilAsserted(() -> {
            DeprovisionGuard.Status status = guard.status();
            assertTrue(status.tripped());
            assertEquals(status.held(), bridge.queue().depth(), "every held user waits, nothing else");
        });
        long deactivated = identityCenter.users().stream().filter(u -> !u.attributes().path("active").asBoolean(true))
                .count();
        assertTrue(deactivated <= 20, "at most the limit went out before the guard tripped: " + deactivated);
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1);
        users.subList(0, 60).forEach(u -> bridge.mark(u).ifPresent(mark -> assertTrue(
                mark.nextAttemptAt().isAfter(soon), "parked, not retried hot: " + mark)));

        given().auth().oauth2(TestTokens.admin()).post("/admin/guard/release").then().statusCode(200);
        awaitIdentityCenterMirrorsBridge();
        assertEquals(60, identityCenter.users().stream().filter(u -> !u.attributes().path("active").asBoolean(true))
                .count());
        assertTrue(refusedRequests().isEmpty(), "Identity Center refused nothing");
    }
}
