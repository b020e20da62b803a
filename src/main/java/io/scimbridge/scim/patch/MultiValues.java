package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Element identity and the {@code primary} rule for multi-valued attributes.
 *
 * <p>Two elements are "the same value" when they carry the same {@code value} sub-attribute
 * (compared case-sensitively only if that sub-attribute is caseExact, as for members' ids):
 * adding a member that is already there is a no-op (RFC 7644 §3.5.2.1: "If the target location
 * already contains the value specified, no changes SHOULD be made"), even if the repeated add
 * carries another {@code display}. Elements without a {@code value} (addresses) are the same
 * only when equal as JSON.
 */
final class MultiValues {

    /** Elements set to primary during this PATCH, oldest first; compared by identity. */
    private final List<ObjectNode> primaryOrder = new ArrayList<>();

    /** Remembers that {@code element} was just written; it wins if it says primary. */
    void written(ObjectNode element) {
        JsonNode p = JsonFields.get(element, "primary");
        if (p != null && p.isBoolean() && p.booleanValue()) {
            primaryOrder.removeIf(e -> e == element);
            primaryOrder.add(element);
        }
    }

    static boolean sameValue(AttributeDef def, JsonNode a, JsonNode b) {
        Optional<AttributeDef> valueDef = def.subAttribute("value");
        if (valueDef.isPresent() && a.isObject() && b.isObject()) {
            JsonNode va = JsonFields.get((ObjectNode) a, "value");
            JsonNode vb = JsonFields.get((ObjectNode) b, "value");
            if (JsonFields.present(va) || JsonFields.present(vb)) {
                return va != null && vb != null && sameScalar(valueDef.get(), va, vb);
            }
        }
        return a.equals(b);
    }

    private static boolean sameScalar(AttributeDef def, JsonNode a, JsonNode b) {
        if (a.isTextual() && b.isTextual() && !def.caseExact()) {
            return a.asText().equalsIgnoreCase(b.asText());
        }
        return JsonFields.sameAs(a, b);
    }

    static boolean contains(AttributeDef def, ArrayNode array, JsonNode candidate) {
        for (JsonNode e : array) {
            if (sameValue(def, e, candidate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 7643 §2.4: at most one element may be primary. When a PATCH leaves several, the one
     * set primary last in this request wins (else the last in document order) and the others
     * get {@code primary: false} — the server may reset them, and silently keeping two would
     * make the winner depend on the reader.
     */
    void enforceSinglePrimary(ObjectNode document, ResourceSchema resource) {
        for (Schema schema : allSchemas(resource)) {
            boolean core = schema.id().equalsIgnoreCase(resource.core().id());
            JsonNode holder = core ? document : JsonFields.get(document, schema.id());
            if (!(holder instanceof ObjectNode container)) {
                continue;
            }
            for (AttributeDef def : schema.attributes()) {
                if (def.multiValued() && def.subAttribute("primary").isPresent()
                        && JsonFields.get(container, def.name()) instanceof ArrayNode array) {
                    keepOnePrimary(array);
                }
            }
        }
    }

    private void keepOnePrimary(ArrayNode array) {
        List<ObjectNode> primaries = new ArrayList<>();
        for (JsonNode e : array) {
            JsonNode p = e.isObject() ? JsonFields.get((ObjectNode) e, "primary") : null;
            if (p != null && p.isBoolean() && p.booleanValue()) {
                primaries.add((ObjectNode) e);
            }
        }
        if (primaries.size() < 2) {
            return;
        }
        ObjectNode winner = primaries.getLast();
        for (int i = primaryOrder.size() - 1; i >= 0; i--) {
            ObjectNode candidate = primaryOrder.get(i);
            if (primaries.stream().anyMatch(p -> p == candidate)) {
                winner = candidate;
                break;
            }
        }
        for (ObjectNode p : primaries) {
            if (p != winner) {
                JsonFields.put(p, "primary", BooleanNode.FALSE);
            }
        }
    }

    private static List<Schema> allSchemas(ResourceSchema resource) {
        List<Schema> all = new ArrayList<>();
        all.add(resource.core());
        all.addAll(resource.extensions());
        return all;
    }
}
