package io.scimbridge.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1): look JSON fields up that way. */
public final class JsonFields {

    private JsonFields() {}

    /** The field named {@code name} in any letter case; null when absent or {@code node} is no object. */
    public static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
