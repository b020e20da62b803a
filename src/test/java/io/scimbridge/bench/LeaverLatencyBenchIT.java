package io.scimbridge.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import io.scimbridge.it.BridgeProcessAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaver latency: the time from the bridge answering an IdP's deactivation (PATCH active false)
 * or DELETE to the Identity Center emulator applying it, with the built jar as its own process
 * and a healthy, unthrottled emulator. Prints figures; asserts nothing about time. Run with:
 *
 * <pre>./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LeaverLatencyBenchIT -Dbench.users=200</pre>
 */
class LeaverLatencyBenchIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void leaverLatency() throws Exception {
        int users = Integer.getInteger("bench.users", 200);
        try (IdentityCenterScimEmulator ic = IdentityCenterScimEmulator.start()) {
            Path data = Files.createDirectories(work.resolve("data"));
            var bridge = BridgeProcessAccess.start(data, Map.of("BRIDGE_IDENTITY_CENTER_SCIM_URL", ic.url(),
                    "BRIDGE_IDENTITY_CENTER_SCIM_TOKEN", ic.token(), "BRIDGE_IDENTITY_CENTER_REQUESTS_PER_SECOND", "0"));
            try (bridge) {
                String token = BridgeProcessAccess.token(data, "azure");
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    JsonNode created = send(bridge.baseUrl(), token, "POST", "/scim/v2/Users", "{\"userName\":\"leaver" + i
                            + "@example.com\",\"name\":{\"givenName\":\"L\",\"familyName\":\"" + i + "\"},\"active\":true}");
                    ids.add(created.get("id").asText());
                }
                await().atMost(Duration.ofMinutes(2)).until(() -> ic.users().size() == users);

                Map<String, Instant> answered = new HashMap<>();
                for (String id : ids) {
                    send(bridge.baseUrl(), token, "PATCH", "/scim/v2/Users/" + id, "{\"schemas\":"
                            + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\","
                            + "\"path\":\"active\",\"value\":\"False\"}]}");
                    answered.put(id, Instant.now());
                    Thread.sleep(20); // the IdP's pace, about 50 changes a second: load, not luck
                }
                await().atMost(Duration.ofMinutes(2)).until(() -> ic.users().stream()
                        .allMatch(u -> !u.attributes().path("active").asBoolean(true)));
                List<Long> deactivation = latencies(ic, "PutUser", answered, ids);

                ic.requestLog().clear();
                Map<String, Instant> deleted = new HashMap<>();
                for (String id : ids) {
                    send(bridge.baseUrl(), token, "DELETE", "/scim/v2/Users/" + id, null);
                    deleted.put(id, Instant.now());
                    Thread.sleep(20);
                }
                await().atMost(Duration.ofMinutes(2)).until(() -> ic.users().isEmpty());
                List<Long> deletion = latencies(ic, "DeleteUser", deleted, ids);
                System.out.printf("%nleaver latency, %d users, healthy emulator (ms from the IdP's answer to IC applying it)%n", users);
                System.out.printf("  %-14s p50 %5d  p99 %5d  max %5d%n", "deactivation", pct(deactivation, 50), pct(deactivation, 99), pct(deactivation, 100));
                System.out.printf("  %-14s p50 %5d  p99 %5d  max %5d%n", "delete", pct(deletion, 50), pct(deletion, 99), pct(deletion, 100));
            }
        }
    }

    /** Per request of that operation, in order: the emulator's time of application minus the IdP's answer. */
    private static List<Long> latencies(IdentityCenterScimEmulator ic, String operation, Map<String, Instant> answered,
                                        List<String> ids) {
        List<RecordedRequest> applied = ic.requestLog().entries(operation).stream().filter(r -> r.status() < 300).toList();
        List<Instant> answers = ids.stream().map(answered::get).sorted().toList();
        List<Instant> applications = applied.stream().map(RecordedRequest::at).sorted().toList();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < Math.min(answers.size(), applications.size()); i++) {
            out.add(Math.max(0, Duration.between(answers.get(i), applications.get(i)).toMillis()));
        }
        out.sort(Long::compare);
        return out;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static JsonNode send(String base, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
    }
}
