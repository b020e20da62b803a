package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Jackson helpers for the SCIM emulator. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a request body; an empty or malformed body is a 400 as at AWS. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ScimError.invalid("request body is empty");
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw ScimError.invalid("request body is not JSON");
        }
    }

    static ObjectNode parseObject(byte[] body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw ScimError.invalid("request body is not a JSON object");
        }
        return (ObjectNode) node;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SCIM attribute names are case-insensitive: returns the canonical spelling, or null. */
    static String canonical(String name, List<String> known) {
        for (String candidate : known) {
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
