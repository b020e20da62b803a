package io.scimbridge.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.aws.emulator.OrganizationPolicies;
import io.scimbridge.identitycenter.emulator.StoredUser;
import io.scimbridge.revocation.DenyPolicy;
import io.scimbridge.revocation.ScpPacking;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leaver's Deny survives a crash: Azure AD deactivates a user while AWS Organizations is down,
 * Identity Center gets the deactivation, and the bridge is killed (-9) before it could place the
 * Deny. Started again with Organizations back, it places the Deny from what its store kept.
 */
class SessionRevocationAcrossRestartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Kept when the test fails: the bridges' logs are in it. */
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    private AwsEmulators aws;

    @BeforeEach
    void startAws() {
        aws = AwsEmulators.start();
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    private Map<String, String> env() {
        return Map.of("BRIDGE_IDENTITY_CENTER_SCIM_URL", aws.scim().url(),
                "BRIDGE_IDENTITY_CENTER_SCIM_TOKEN", aws.scim().token(),
                "BRIDGE_SESSION_REVOCATION_MODE", "scp",
                "BRIDGE_AWS_ENDPOINT_OVERRIDE", aws.identityStore().url(), "BRIDGE_AWS_REGION", aws.region(),
                "AWS_ACCESS_KEY_ID", "emulator", "AWS_SECRET_ACCESS_KEY", "emulator");
    }

    @Test
    void aDenyThatAwsRefusedBeforeTheCrashIsPlacedAfterTheRestart() throws Exception {
        Path app = BridgeProcess.builtApp();
        Path data = Files.createDirectories(work.resolve("data"));
        String token = BridgeProcess.mintToken(app, data, "azure");

        String icId;
        try (BridgeProcess bridge = new BridgeProcess(app, data, env()).start()) {
            String id = send(bridge, token, "POST", "/scim/v2/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"lee@example.com",\
                    "name":{"givenName":"Lee","familyName":"Ng"},"active":true}""").path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> aws.scim().userByUserName("lee@example.com").isPresent());
            icId = aws.scim().userByUserName("lee@example.com").map(StoredUser::id).orElseThrow();

            aws.organizations().faults().outage(true);
            send(bridge, token, "PATCH", "/scim/v2/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],\
                    "Operations":[{"op":"replace","path":"active","value":false}]}""");
            await().atMost(Duration.ofSeconds(30)).until(() -> aws.scim().userByUserName("lee@example.com")
                    .map(u -> !u.attributes().path("active").asBoolean(true)).orElse(false));
            // the bridge tries to place the Deny after the deactivation was delivered, and Organizations answers 5xx
            aws.organizations().requestLog().clear();
            await().atMost(Duration.ofSeconds(30)).until(() -> !aws.organizations().requestLog().entries().isEmpty());
            assertEquals(Set.of(), deniedAtTheRoot(), "AWS is down: nothing placed yet");
            bridge.kill();
        }

        aws.organizations().faults().outage(false);
        try (BridgeProcess restarted = new BridgeProcess(app, data, env()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> deniedAtTheRoot().contains(icId));
        }
        assertTrue(deniedAtTheRoot().contains(icId));
    }

    private Set<String> deniedAtTheRoot() {
        OrganizationPolicies policies = aws.organizations().policies();
        Set<String> ids = new HashSet<>();
        policies.attachedTo(aws.organizations().rootId()).stream().filter(p -> ScpPacking.bridgeOwned(p.name()))
                .forEach(p -> ids.addAll(DenyPolicy.ids(p.content())));
        return ids;
    }

    private static JsonNode send(BridgeProcess bridge, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }
}
