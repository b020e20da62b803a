package io.scimbridge.ops.status;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Readiness and the {@code identity-center} health group, run the way {@code /q/health/ready} and
 * {@code /q/health/group/identity-center} run them, so the page never disagrees with the probes.
 */
@ApplicationScoped
public class HealthReader {

    static final String IDENTITY_CENTER_GROUP = "identity-center";

    private final SmallRyeHealthReporter reporter;

    public HealthReader(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    public StatusView.Health read() {
        List<StatusView.Check> checks = new ArrayList<>();
        String readiness = collect("readiness", reporter.getReadiness(), checks);
        String identityCenter = collect(IDENTITY_CENTER_GROUP, reporter.getHealthGroup(IDENTITY_CENTER_GROUP), checks);
        return new StatusView.Health(readiness, identityCenter, checks);
    }

    private static String collect(String group, SmallRyeHealth health, List<StatusView.Check> into) {
        JsonObject payload = health.getPayload();
        JsonArray checks = payload.getJsonArray("checks");
        for (JsonValue value : checks == null ? JsonValue.EMPTY_JSON_ARRAY : checks) {
            JsonObject check = value.asJsonObject();
            JsonObject data = check.getJsonObject("data");
            String text = data == null ? "" : data.entrySet().stream()
                    .map(e -> e.getKey() + ": " + (e.getValue() instanceof JsonString s ? s.getString() : e.getValue().toString()))
                    .collect(Collectors.joining(", "));
            into.add(new StatusView.Check(group, check.getString("name", "?"), check.getString("status", "DOWN"), text));
        }
        return payload.getString("status", health.getStatus().name());
    }
}
