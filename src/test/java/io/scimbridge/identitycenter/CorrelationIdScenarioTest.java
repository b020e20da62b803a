package io.scimbridge.identitycenter;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * One id from the IdP's request to Identity Center: the X-Request-Id the bridge answered is the
 * one its delivery sends with the calls that carry the change out, so a support ticket naming
 * either end finds the other in the logs.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class CorrelationIdScenarioTest extends ForwarderScenario {

    @Test
    void theIdpsRequestIdTravelsToIdentityCenter() {
        Response created = write().header("X-Request-Id", "entra-prov-5b1f")
                .body(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail().json().toString())
                .post("/scim/v2/Users");
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals("entra-prov-5b1f", created.header("X-Request-Id"));

        eventually().until(() -> !identityCenter.requestLog().entries("CreateUser").isEmpty());
        assertEquals(List.of("entra-prov-5b1f"), requestIds("CreateUser"));
    }

    @Test
    void aGeneratedIdTravelsTooAndTheLatestChangeNamesTheDelivery() {
        IdpConnection azure = IdpConnection.azure();
        String adele = azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail());
        awaitIdentityCenterMirrorsBridge();

        Response patched = write().body(PatchBody.azure().replace("title", "Retail Manager").json().toString())
                .patch("/scim/v2/Users/" + adele);
        assertEquals(200, patched.statusCode(), patched.asString());
        String generated = patched.header("X-Request-Id");
        assertTrue(generated.matches("[0-9a-f]{16}"), generated);

        eventually().until(() -> !identityCenter.requestLog().entries("PutUser").isEmpty()
                || !identityCenter.requestLog().entries("PatchUser").isEmpty());
        List<String> ids = identityCenter.requestLog().entries().stream()
                .filter(r -> r.operation().equals("PutUser") || r.operation().equals("PatchUser"))
                .map(RecordedRequest::requestId).toList();
        assertEquals(List.of(generated), ids, "the update carries the PATCH's id");
    }

    private List<String> requestIds(String operation) {
        return identityCenter.requestLog().entries(operation).stream().map(RecordedRequest::requestId).toList();
    }

    private static io.restassured.specification.RequestSpecification write() {
        return given().header("Authorization", TestTokens.bearer("azure")).contentType(ScimClient.SCIM_JSON)
                .accept(ScimClient.SCIM_JSON);
    }
}
