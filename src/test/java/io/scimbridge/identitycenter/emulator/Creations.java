package io.scimbridge.identitycenter.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Successful creations per name (userName for CreateUser, displayName for CreateGroup), never
 * truncated: the fault drills prove "nothing duplicated" with it. A uniqueness check alone would
 * not: a user deleted and created again by mistake leaves one user in the store but two creations.
 */
public final class Creations {

    private final Map<String, Map<String, LongAdder>> byOperation = new ConcurrentHashMap<>();

    void record(String operation, ScimResponse response) {
        if (response.status() != 201 || response.body() == null) {
            return;
        }
        String name = switch (operation) {
            case "CreateUser" -> response.body().path("userName").asText(null);
            case "CreateGroup" -> response.body().path("displayName").asText(null);
            default -> null;
        };
        if (name != null) {
            byOperation.computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new LongAdder()).increment();
        }
    }

    /** Successful creations of one operation (CreateUser, CreateGroup) per lower-cased name. */
    public Map<String, Long> of(String operation) {
        Map<String, Long> snapshot = new TreeMap<>();
        byOperation.getOrDefault(operation, Map.of()).forEach((name, n) -> snapshot.put(name, n.sum()));
        return snapshot;
    }

    void clear() {
        byOperation.clear();
    }
}
