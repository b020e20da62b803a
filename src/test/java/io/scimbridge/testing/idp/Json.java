package io.scimbridge.testing.idp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Terse JSON literals for request bodies ({@code obj("op", "add", "value", arr(...))}) and the one
 * mapper the IdP fixtures read and write with.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    /** An object from alternating keys and values; values may be JsonNode, String, Boolean, Number or null. */
    public static ObjectNode obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        ObjectNode o = F.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.set((String) keysAndValues[i], node(keysAndValues[i + 1]));
        }
        return o;
    }

    /** A User body as every IdP sends it: {@code schemas} with the core User schema (RFC 7643 §3), then the pairs. */
    public static ObjectNode user(Object... keysAndValues) {
        return withSchema(ScimUrns.CORE_USER, keysAndValues);
    }

    /** A Group body with {@code schemas} listing the core Group schema, then the pairs. */
    public static ObjectNode group(Object... keysAndValues) {
        return withSchema(ScimUrns.CORE_GROUP, keysAndValues);
    }

    private static ObjectNode withSchema(String core, Object... keysAndValues) {
        ObjectNode o = obj("schemas", arr(core));
        o.setAll(obj(keysAndValues));
        return o;
    }

    public static ArrayNode arr(Object... values) {
        ArrayNode a = F.arrayNode();
        for (Object v : values) {
            a.add(node(v));
        }
        return a;
    }

    public static JsonNode node(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case JsonNode n -> n;
            case String s -> F.textNode(s);
            case Boolean b -> F.booleanNode(b);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Double d -> F.numberNode(d);
            default -> throw new IllegalArgumentException("not a JSON value: " + v);
        };
    }

    /** The compact text of a body, as it goes on the wire. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
