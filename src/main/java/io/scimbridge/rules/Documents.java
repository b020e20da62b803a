package io.scimbridge.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.scim.JsonFields;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.schema.ResourceSchema;
import java.util.Iterator;
import java.util.Map;

/** Case-insensitive access to canonical SCIM documents, as the filter evaluator reads them. */
final class Documents {

    private Documents() {}

    /** The field named {@code name} in any letter case; null when absent or {@code node} is no object. */
    static JsonNode field(JsonNode node, String name) {
        return JsonFields.field(node, name);
    }

    /** Removes the field named {@code name} in any letter case; returns what was removed, or null. */
    static JsonNode remove(ObjectNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                it.remove();
                return e.getValue();
            }
        }
        return null;
    }

    /** Sets {@code name}, replacing a field spelled in another letter case. */
    static void put(ObjectNode node, String name, String value) {
        remove(node, name);
        node.put(name, value);
    }

    /**
     * The object that holds an attribute of {@code schemaUrn}: the document itself for the core
     * schema, else the extension object keyed by its URN (created when {@code create}).
     */
    static ObjectNode container(ObjectNode document, ResourceSchema resource, String schemaUrn, boolean create) {
        if (schemaUrn == null || schemaUrn.equalsIgnoreCase(resource.core().id())) {
            return document;
        }
        JsonNode ext = field(document, schemaUrn);
        if (ext instanceof ObjectNode o) {
            return o;
        }
        return create ? document.putObject(schemaUrn) : null;
    }

    /** Of a multi-valued attribute's elements: the primary one, else the first; null when none. */
    static JsonNode preferred(JsonNode values) {
        if (values == null || !values.isArray() || values.isEmpty()) {
            return values != null && values.isObject() ? values : null;
        }
        for (JsonNode v : values) {
            if (v.path("primary").asBoolean(false)) {
                return v;
            }
        }
        return values.get(0);
    }

    /** A scalar's text; null for absent, null, blank, objects and arrays. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }
}
