package io.scimbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.StoredUser;
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
 * The guarantees that only show across processes, on the built jar: a kill -9 mid-delivery
 * loses nothing and duplicates nothing; two replicas on one PostgreSQL share the queue and
 * deliver each change once.
 */
class DeliveryAcrossProcessesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Kept when a test fails: the bridges' logs are in it. */
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path work;

    private IdentityCenterScimEmulator identityCenter;

    @BeforeEach
    void startIdentityCenter() {
        identityCenter = IdentityCenterScimEmulator.start();
    }

    @AfterEach
    void stopIdentityCenter() {
        identityCenter.close();
    }

    private Map<String, String> deliveringTo(IdentityCenterScimEmulator ic) {
        return Map.of("BRIDGE_IDENTITY_CENTER_SCIM_URL", ic.url(), "BRIDGE_IDENTITY_CENTER_SCIM_TOKEN", ic.token(),
                "BRIDGE_IDENTITY_CENTER_REQUESTS_PER_SECOND", "0", "BRIDGE_IDENTITY_CENTER_MAX_BACKOFF", "2s",
                // a killed process's claims are taken over when their lease runs out
                "BRIDGE_IDENTITY_CENTER_LEASE", "3s");
    }

    @Test
    void killMinus9MidDeliveryLosesAndDuplicatesNothing() throws Exception {
        Path app = BridgeProcess.builtApp();
        Path data = Files.createDirectories(work.resolve("data"));
        String token = BridgeProcess.mintToken(app, data, "azure");
        // 300 ms per call: 60 users take seconds to deliver, so the kill lands mid-sync, with calls in flight
        identityCenter.delayResponses(Duration.ofMillis(300));

        int accepted = 0;
        try (BridgeProcess bridge = new BridgeProcess(app, data, deliveringTo(identityCenter)).start()) {
            for (int i = 0; i < 60; i++) {
                assertEquals(201, post(bridge, token, "/scim/v2/Users", user("crash" + i)));
                accepted++;
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> identityCenter.users().size() >= 3);
            // the launcher's manifest enables native access for the SQLite driver (JDK 24+ warns otherwise)
            assertFalse(bridge.output().contains("restricted method"), "JDK warned about the SQLite driver's native access");
            bridge.kill();
        }
        assertTrue(identityCenter.users().size() < accepted, "killed before everything was delivered");

        identityCenter.delayResponses(Duration.ZERO);
        try (BridgeProcess restarted = new BridgeProcess(app, data, deliveringTo(identityCenter)).start()) {
            int total = accepted;
            await().atMost(Duration.ofSeconds(60)).until(() -> identityCenter.users().size() == total);
        }
        Set<String> names = new HashSet<>();
        for (StoredUser u : identityCenter.users()) {
            String userName = u.attributes().path("userName").asText().toLowerCase();
            assertTrue(names.add(userName), "duplicate " + userName);
        }
    }

    @Test
    void twoReplicasOnOnePostgresqlDeliverEachChangeOnce() throws Exception {
        ReplicasOnPostgresql postgresql = ReplicasOnPostgresql.prepare(work);
        Path app = postgresql.app();
        Path data = Files.createDirectories(work.resolve("shared-keys"));
        String token = BridgeProcess.mintToken(app, data, "okta");
        Map<String, String> env = new java.util.HashMap<>(deliveringTo(identityCenter));
        env.putAll(postgresql.env());
        identityCenter.delayResponses(Duration.ofMillis(5));

        try (BridgeProcess a = new BridgeProcess(app, data, env).start();
             BridgeProcess b = new BridgeProcess(app, data, env).start()) {
            for (int i = 0; i < 100; i++) {
                BridgeProcess target = i % 2 == 0 ? a : b;
                assertEquals(201, post(target, token, "/scim/v2/Users", user("replica" + i)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> identityCenter.users().size() == 100);
        }
        assertEquals(100, identityCenter.operationCount("CreateUser"), "each user created exactly once");
    }

    private static String user(String name) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name
                + "@example.com\",\"active\":true,\"emails\":[{\"value\":\"" + name + "@example.com\",\"type\":\"work\",\"primary\":true}]}";
    }

    private static int post(BridgeProcess bridge, String token, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
