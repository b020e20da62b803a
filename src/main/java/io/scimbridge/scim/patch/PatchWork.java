package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.FilterParser;
import io.scimbridge.scim.filter.PatchPath;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One PATCH being applied to a working copy of a resource: the RFC 7644 §3.5.2 semantics per
 * target shape (whole attribute, sub-attribute, value-filtered elements). Lives for one
 * {@link PatchEngine#apply} call; mutates only its own copy.
 */
final class PatchWork {

    private final ObjectNode doc;
    private final ResourceSchema resource;
    private final MultiValues multiValues = new MultiValues();

    PatchWork(ObjectNode doc, ResourceSchema resource) {
        this.doc = doc;
        this.resource = resource;
    }

    void apply(PatchOperation op) {
        switch (op) {
            case PatchOperation.Add add -> write(add.path(), add.value(), false);
            case PatchOperation.Replace replace -> write(replace.path(), replace.value(), true);
            case PatchOperation.Remove remove -> remove(PatchTarget.resolve(remove.path(), resource), remove.value());
        }
    }

    /** Post-conditions over the whole document, once all operations ran. */
    void finish() {
        multiValues.enforceSinglePrimary(doc, resource);
        tidyExtensions();
    }

    // ---------------------------------------------------------------- add / replace

    private void write(PatchPath path, JsonNode value, boolean replace) {
        if (path == null) {
            writeAttributes(value, replace);
        } else {
            write(PatchTarget.resolve(path, resource), value, replace);
        }
    }

    /**
     * No path: {@code value} is an object of attributes. Keys may be plain names, dotted
     * ({@code name.givenName}, Azure AD), URN-qualified, or an extension URN holding an object.
     * Keys qualified by a schema this resource type does not have (Azure's custom extension
     * URNs, Microsoft's ADSCIM group URN) are ignored: the IdP maps them and we have nowhere to
     * keep them, and refusing would block every other attribute of the request. A plain
     * unknown name is still invalidPath: it is most likely a typo we should not swallow.
     * {@code schemas} is ignored: the server derives it from the data.
     */
    private void writeAttributes(JsonNode value, boolean replace) {
        if (!value.isObject()) {
            throw ScimException.invalidValue("Without a path, \"value\" must be an object of attributes");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String key = e.getKey().trim();
            if (key.equalsIgnoreCase("schemas")) {
                continue;
            }
            Optional<Schema> schema = resource.schema(key);
            if (schema.isPresent()) {
                writeSchemaObject(schema.get(), e.getValue(), replace);
            } else if (!qualifiedByUnknownSchema(key)) {
                writeKey(attributeKey(key), e.getValue(), replace);
            }
        }
    }

    private void writeSchemaObject(Schema schema, JsonNode value, boolean replace) {
        if (value.isNull() && !schema.id().equalsIgnoreCase(resource.core().id())) {
            JsonFields.remove(doc, schema.id()); // null unassigns the whole extension
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue(schema.id() + " must be a JSON object of its attributes");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            writeKey(attributeKey(schema.id() + ":" + e.getKey().trim()), e.getValue(), replace);
        }
    }

    /**
     * A readOnly attribute the document does not hold (meta, groups: the server keeps or
     * computes them elsewhere) cannot be compared, so in a path-less value it is ignored, as a
     * PUT would (RFC 7643 §2.2), rather than failing clients that send a resource back whole.
     * One the document holds (id) must be echoed unchanged.
     */
    private void writeKey(PatchTarget target, JsonNode value, boolean replace) {
        if (MutabilityRules.isReadOnly(target) && !JsonFields.present(target.current(doc))) {
            return;
        }
        writeOrUnassign(target, value, replace);
    }

    private boolean qualifiedByUnknownSchema(String key) {
        if (key.indexOf(':') < 0) {
            return false;
        }
        for (String urn : resource.schemaUrns()) {
            if (key.regionMatches(true, 0, urn + ":", 0, urn.length() + 1)) {
                return false;
            }
        }
        return true;
    }

    private PatchTarget attributeKey(String key) {
        PatchPath path = FilterParser.parsePath(key);
        if (path.valueFilter() != null) {
            throw ScimException.invalidPath("Attribute names in a value object cannot carry a filter: " + key);
        }
        return PatchTarget.resolve(path, resource);
    }

    /** RFC 7643 §2.5: null means unassigned, so a null in a value object removes the attribute. */
    private void writeOrUnassign(PatchTarget target, JsonNode value, boolean replace) {
        if (value.isNull()) {
            remove(target, null);
        } else {
            write(target, value, replace);
        }
    }

    private void write(PatchTarget t, JsonNode value, boolean replace) {
        if (t.valueFilter() != null) {
            writeFiltered(t, value, replace);
        } else if (t.subAttribute() != null) {
            writeSub(t, value);
        } else {
            writeWhole(t, value, replace);
        }
    }

    private void writeWhole(PatchTarget t, JsonNode value, boolean replace) {
        AttributeDef a = t.attribute();
        String where = t.describe();
        JsonNode current = t.current(doc);
        if (MutabilityRules.isReadOnly(t)) {
            MutabilityRules.readOnlyEcho(where, current == null ? List.of() : List.of(current), value);
            return;
        }
        if (a.multiValued()) {
            List<JsonNode> items = ValueNormalizer.elements(a, value, where);
            ArrayNode array = replace || !(current instanceof ArrayNode existing) ? doc.arrayNode() : existing;
            for (JsonNode item : items) {
                if (!MultiValues.contains(a, array, item)) {
                    array.add(item);
                    if (item instanceof ObjectNode o) {
                        multiValues.written(o);
                    }
                }
            }
            MutabilityRules.checkImmutable(a, current, array, where);
            setOrUnassign(t.container(doc, true), a, array);
        } else if (a.isComplex()) {
            ObjectNode given = ValueNormalizer.complex(a, value, where);
            ObjectNode target = current instanceof ObjectNode o ? o : doc.objectNode();
            merge(a, target, given, where, true);
            setOrUnassign(t.container(doc, true), a, target);
        } else {
            JsonNode v = ValueNormalizer.single(a, value, where);
            MutabilityRules.checkImmutable(a, current, v, where);
            JsonFields.put(t.container(doc, true), a.name(), v);
        }
    }

    /** {@code name.givenName}, {@code manager.value}, or {@code emails.type} (every element). */
    private void writeSub(PatchTarget t, JsonNode value) {
        AttributeDef a = t.attribute();
        AttributeDef s = t.subAttribute();
        String where = t.describe();
        JsonNode current = t.current(doc);
        if (a.multiValued()) {
            List<ObjectNode> elements = objects(current);
            if (MutabilityRules.isReadOnly(t)) {
                MutabilityRules.readOnlyEcho(where, subValues(elements, s), value);
                return;
            }
            ObjectNode given = subValue(s, value, where);
            if (elements.isEmpty()) {
                append(t, doc.objectNode(), given);
            }
            for (ObjectNode element : elements) {
                merge(a, element, given, t.describeAttribute(), false);
            }
            return;
        }
        if (MutabilityRules.isReadOnly(t)) {
            MutabilityRules.readOnlyEcho(where, current instanceof ObjectNode o ? subValues(List.of(o), s) : List.of(), value);
            return;
        }
        ObjectNode target = current instanceof ObjectNode o ? o : doc.objectNode();
        merge(a, target, subValue(s, value, where), t.describeAttribute(), true);
        setOrUnassign(t.container(doc, true), a, target);
    }

    /**
     * {@code emails[type eq "work"].value}: every matching element. When none matches, add and
     * replace with a sub-attribute create the element the filter describes (Azure AD sets
     * {@code addresses[type eq "work"].locality} on users without a work address); replace of
     * whole elements with no match is noTarget (RFC 7644 §3.5.2.3), add creates one.
     */
    private void writeFiltered(PatchTarget t, JsonNode value, boolean replace) {
        AttributeDef a = t.attribute();
        AttributeDef s = t.subAttribute();
        String where = t.describe();
        List<ObjectNode> matched = ElementMatcher.matching(t, array(t.current(doc)), resource);
        if (MutabilityRules.isReadOnly(t)) {
            MutabilityRules.readOnlyEcho(where, s == null ? new ArrayList<>(matched) : subValues(matched, s), value);
            return;
        }
        ObjectNode given = s == null ? ValueNormalizer.complex(a, value, where) : subValue(s, value, where);
        if (!matched.isEmpty()) {
            for (ObjectNode element : matched) {
                merge(a, element, given, t.describeAttribute(), false);
            }
            return;
        }
        if (replace && s == null) {
            throw ScimException.noTarget("No element of " + a.name() + " matches the filter in " + where);
        }
        ObjectNode seed = ElementMatcher.seed(t.valueFilter()).orElseThrow(() -> ScimException.noTarget(
                "No element of " + a.name() + " matches " + where + ", and the filter (not a set of 'eq'"
                        + " comparisons) does not describe one to create"));
        append(t, (ObjectNode) ValueNormalizer.element(a, seed, where), given);
    }

    private void append(PatchTarget t, ObjectNode element, ObjectNode given) {
        given.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                element.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode container = t.container(doc, true);
        JsonNode current = JsonFields.get(container, t.attribute().name());
        ArrayNode array = current instanceof ArrayNode existing ? existing : doc.arrayNode();
        array.add(element);
        multiValues.written(element);
        JsonFields.put(container, t.attribute().name(), array);
    }

    /**
     * Merges sub-attributes into a complex value (RFC 7644 §3.5.2.1/.3: sub-attributes not
     * given are left unchanged; null unassigns). For a single-valued reference such as
     * {@code manager}, a new {@code value} names another resource, so the old {@code $ref} and
     * {@code displayName} are dropped rather than left describing the previous manager.
     */
    private void merge(AttributeDef a, ObjectNode target, ObjectNode given, String where, boolean singleValued) {
        if (singleValued && a.subAttribute("value").isPresent()) {
            JsonNode newValue = JsonFields.get(given, "value");
            JsonNode oldValue = JsonFields.get(target, "value");
            if (JsonFields.present(newValue) && JsonFields.present(oldValue)
                    && !MultiValues.sameValue(a, target, given)) {
                target.removeAll();
            }
        }
        for (Map.Entry<String, JsonNode> e : given.properties()) {
            AttributeDef sub = a.subAttribute(e.getKey()).orElseThrow();
            JsonNode current = JsonFields.get(target, sub.name());
            MutabilityRules.checkImmutable(sub, current, e.getValue(), where + "." + sub.name());
            if (e.getValue().isNull()) {
                JsonFields.remove(target, sub.name());
            } else {
                JsonFields.put(target, sub.name(), e.getValue());
            }
        }
        multiValues.written(target);
    }

    // ---------------------------------------------------------------- remove

    /**
     * Remove (RFC 7644 §3.5.2.2). Removing what is not there is a no-op, so IdP retries are
     * idempotent. With a value on a multi-valued attribute (Azure AD's old
     * {@code {"op":"Remove","path":"members","value":[{"value":"<id>"}]}}) only those values go.
     */
    private void remove(PatchTarget t, JsonNode value) {
        AttributeDef a = t.attribute();
        AttributeDef s = t.subAttribute();
        String where = t.describe();
        if (MutabilityRules.isReadOnly(t)) {
            throw ScimException.mutability(where + " is readOnly and cannot be removed");
        }
        if (s == null && t.valueFilter() == null && a.required()) {
            throw ScimException.invalidValue(where + " is required and cannot be removed");
        }
        ObjectNode container = t.container(doc, false);
        JsonNode current = container == null ? null : JsonFields.get(container, a.name());
        if (!JsonFields.present(current)) {
            return;
        }
        if (t.valueFilter() != null || (s != null && a.multiValued())) {
            if (!(current instanceof ArrayNode)) {
                return;
            }
            List<ObjectNode> selected = t.valueFilter() == null ? objects(current)
                    : ElementMatcher.matching(t, array(current), resource);
            removeFromElements(a, s, (ArrayNode) current, selected, where);
        } else if (s != null) {
            if (current instanceof ObjectNode o) {
                removeSub(o, s, where);
            }
        } else if (value != null && current instanceof ArrayNode array) {
            List<JsonNode> doomed = ValueNormalizer.elements(a, value, where);
            removeIf(array, e -> doomed.stream().anyMatch(d -> MultiValues.sameValue(a, e, d)));
        } else {
            MutabilityRules.checkImmutable(a, current, null, where);
            JsonFields.remove(container, a.name());
        }
        setOrUnassign(container, a, JsonFields.get(container, a.name()));
    }

    private void removeFromElements(AttributeDef a, AttributeDef s, ArrayNode array, List<ObjectNode> selected,
                                    String where) {
        if (s == null) {
            removeIf(array, e -> selected.stream().anyMatch(m -> m == e));
            return;
        }
        for (ObjectNode element : selected) {
            removeSub(element, s, where);
        }
        removeIf(array, e -> e.isObject() && e.isEmpty());
    }

    private void removeSub(ObjectNode element, AttributeDef s, String where) {
        MutabilityRules.checkImmutable(s, JsonFields.get(element, s.name()), null, where);
        JsonFields.remove(element, s.name());
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode subValue(AttributeDef sub, JsonNode value, String where) {
        ObjectNode given = doc.objectNode();
        given.set(sub.name(), ValueNormalizer.value(sub, value, where));
        return given;
    }

    private static List<JsonNode> subValues(List<ObjectNode> elements, AttributeDef sub) {
        List<JsonNode> values = new ArrayList<>();
        for (ObjectNode e : elements) {
            JsonNode v = JsonFields.get(e, sub.name());
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    private static ArrayNode array(JsonNode node) {
        return node instanceof ArrayNode a ? a : null;
    }

    private static List<ObjectNode> objects(JsonNode node) {
        List<ObjectNode> out = new ArrayList<>();
        if (node instanceof ArrayNode array) {
            array.forEach(e -> {
                if (e instanceof ObjectNode o) {
                    out.add(o);
                }
            });
        }
        return out;
    }

    private static void removeIf(ArrayNode array, java.util.function.Predicate<JsonNode> doomed) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (doomed.test(array.get(i))) {
                array.remove(i);
            }
        }
    }

    /** RFC 7643 §2.5: an empty object or array is unassigned, so it is not kept. */
    private static void setOrUnassign(ObjectNode container, AttributeDef def, JsonNode value) {
        if (JsonFields.present(value)) {
            JsonFields.put(container, def.name(), value);
        } else {
            JsonFields.remove(container, def.name());
        }
    }

    private static boolean listed(ArrayNode schemas, String urn) {
        for (JsonNode s : schemas) {
            if (s.asText().equalsIgnoreCase(urn)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Extension objects emptied by this PATCH are dropped; an extension that now holds data is
     * listed in {@code schemas} when the document has that list (URNs are never removed from
     * it: listing an extension without data is valid).
     */
    private void tidyExtensions() {
        for (Schema ext : resource.extensions()) {
            JsonNode node = JsonFields.get(doc, ext.id());
            if (node == null) {
                continue;
            }
            if (!JsonFields.present(node) || !node.isObject()) {
                JsonFields.remove(doc, ext.id());
            } else if (doc.get("schemas") instanceof ArrayNode schemas && !listed(schemas, ext.id())) {
                schemas.add(ext.id());
            }
        }
    }
}
