package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Case-insensitive access to JSON object members. SCIM attribute names are case-insensitive
 * (RFC 7643 §2.1) and clients spell them freely; the engine reads any spelling and writes the
 * schema's canonical one, so a document never ends up with both "givenName" and "givenname".
 */
final class JsonFields {

    private JsonFields() {}

    static JsonNode get(ObjectNode object, String name) {
        return io.scimbridge.scim.JsonFields.field(object, name);
    }

    /** Sets {@code canonicalName}, dropping members spelled differently. */
    static void put(ObjectNode object, String canonicalName, JsonNode value) {
        removeVariants(object, canonicalName);
        object.set(canonicalName, value);
    }

    static void remove(ObjectNode object, String name) {
        object.remove(name);
        removeVariants(object, name);
    }

    private static void removeVariants(ObjectNode object, String name) {
        List<String> variants = new ArrayList<>();
        object.fieldNames().forEachRemaining(k -> {
            if (k.equalsIgnoreCase(name) && !k.equals(name)) {
                variants.add(k);
            }
        });
        object.remove(variants);
    }

    /** Present means "has a value" in the RFC 7643 §2.5 sense: null and [] are unassigned. */
    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode()
                && !(node.isContainerNode() && node.isEmpty());
    }

    /**
     * Whether {@code given} says nothing new about {@code current}: objects compare only the
     * members given (names case-insensitive), arrays element by element in any order, strings
     * exactly. Used to let clients echo read-only values back (Okta sends the group's own id).
     */
    static boolean sameAs(JsonNode current, JsonNode given) {
        if (!present(given)) {
            return !present(current);
        }
        if (!present(current)) {
            return false;
        }
        if (given.isObject() && current.isObject()) {
            for (Map.Entry<String, JsonNode> e : given.properties()) {
                if (!sameAs(get((ObjectNode) current, e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (given.isArray() && current.isArray()) {
            if (given.size() != current.size()) {
                return false;
            }
            for (JsonNode g : given) {
                boolean found = false;
                for (JsonNode c : current) {
                    found |= sameAs(c, g);
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        if (given.isNumber() && current.isNumber()) {
            return given.decimalValue().compareTo(current.decimalValue()) == 0;
        }
        return given.equals(current);
    }
}
