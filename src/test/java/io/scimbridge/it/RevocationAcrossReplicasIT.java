package io.scimbridge.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL, both in mode scp, each told of half the leavers: their runs
 * take turns (the run lock, a PostgreSQL advisory lock), so no run writes a list read before
 * another replica's leaver and takes that leaver's Deny out again, and the bridge's policy is
 * created once. Full reconciliation is pushed out of the test's reach: only the runs asked for by
 * the leavers can place the Denies.
 */
class RevocationAcrossReplicasIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LEAVERS = 40;

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

    @Test
    void leaversToldToEitherReplicaAreAllDeniedAndThePolicyIsCreatedOnce() throws Exception {
        ReplicasOnPostgresql postgresql = ReplicasOnPostgresql.prepare(work);
        Path app = postgresql.app();
        Path data = Files.createDirectories(work.resolve("shared-keys"));
        String token = BridgeProcess.mintToken(app, data, "azure");
        Map<String, String> env = new HashMap<>(aws.bridgeConfig());
        env.putAll(Map.of("BRIDGE_SESSION_REVOCATION_MODE", "scp",
                "BRIDGE_SESSION_REVOCATION_RECONCILE_INTERVAL", "1h",
                "BRIDGE_IDENTITY_CENTER_REQUESTS_PER_SECOND", "0",
                "AWS_ACCESS_KEY_ID", "emulator", "AWS_SECRET_ACCESS_KEY", "emulator"));
        env.putAll(postgresql.env());
        // every user leaves here, which the deprovisioning guard would rightly hold
        env.putAll(Map.of("BRIDGE_GUARD_MAX_DEPROVISIONS", "0", "BRIDGE_GUARD_MAX_PERCENT", "0"));
        // slow Organizations calls: a run lasts long enough for the other replica's to fall inside it
        aws.organizations().faults().delayResponses(Duration.ofMillis(40));

        try (BridgeProcess a = new BridgeProcess(app, data, env).start();
             BridgeProcess b = new BridgeProcess(app, data, env).start()) {
            List<String> scimIds = new ArrayList<>();
            for (int i = 0; i < LEAVERS; i++) {
                scimIds.add(send(i % 2 == 0 ? a : b, token, "POST", "/scim/v2/Users", user("leaver" + i)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> aws.scim().users().size() == LEAVERS);
            Set<String> icIds = new HashSet<>();
            for (int i = 0; i < LEAVERS; i++) {
                icIds.add(aws.scim().userByUserName("leaver" + i + "@example.com").map(StoredUser::id).orElseThrow());
            }

            for (int i = 0; i < LEAVERS; i++) {
                send(i % 2 == 0 ? b : a, token, "PATCH", "/scim/v2/Users/" + scimIds.get(i), """
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],\
                        "Operations":[{"op":"replace","path":"active","value":false}]}""");
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> deniedAtTheRoot().equals(icIds));
        }
        List<RecordedRequest> creates = aws.organizations().requestLog().entries("CreatePolicy");
        assertEquals(1, creates.size(), "one replica created the policy, the other found it: " + creates);
        assertEquals(200, creates.get(0).status());
    }

    private Set<String> deniedAtTheRoot() {
        Set<String> ids = new HashSet<>();
        aws.organizations().policies().attachedTo(aws.organizations().rootId()).stream()
                .filter(p -> ScpPacking.bridgeOwned(p.name())).forEach(p -> ids.addAll(DenyPolicy.ids(p.content())));
        return ids;
    }

    private static String user(String name) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name
                + "@example.com\",\"name\":{\"givenName\":\"Lee\",\"familyName\":\"Ng\"},\"active\":true,"
                + "\"emails\":[{\"value\":\"" + name + "@example.com\",\"type\":\"work\",\"primary\":true}]}";
    }

    /** Sends a SCIM request that must succeed; returns the resource's id (or null for 204). */
    private static String send(BridgeProcess bridge, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body()).path("id").asText();
    }
}
