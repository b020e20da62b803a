package io.scimbridge.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code attributes} / {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5) applied to
 * a rendered resource, honouring each attribute's {@code returned} characteristic: {@code always}
 * attributes (id, schemas) stay, {@code never} ones never appear, {@code request} ones only when
 * named.
 */
public final class AttributeProjection {

    private final ResourceSchema schema;
    private final List<AttributePath> attributes;
    private final List<AttributePath> excluded;

    public AttributeProjection(ResourceSchema schema, List<AttributePath> attributes, List<AttributePath> excluded) {
        this.schema = schema;
        this.attributes = List.copyOf(attributes);
        this.excluded = List.copyOf(excluded);
    }

    public static AttributeProjection all(ResourceSchema schema) {
        return new AttributeProjection(schema, List.of(), List.of());
    }

    /** Whether the top-level attribute will appear: lets callers skip loading it (members). */
    public boolean includes(String attributeName) {
        var def = schema.core().attribute(attributeName).or(() -> ResourceSchema.common(attributeName));
        if (def.isPresent() && def.get().returned() == Returned.ALWAYS) {
            return true;
        }
        if (!attributes.isEmpty()) {
            return attributes.stream().anyMatch(p -> p.attribute().equalsIgnoreCase(attributeName)
                    && (p.schema() == null || p.schema().equalsIgnoreCase(schema.core().id())));
        }
        return excluded.stream().noneMatch(p -> p.attribute().equalsIgnoreCase(attributeName)
                && p.subAttribute() == null && (p.schema() == null || p.schema().equalsIgnoreCase(schema.core().id())));
    }

    public ObjectNode apply(ObjectNode resource) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        ObjectNode out = resource.deepCopy();
        if (!attributes.isEmpty()) {
            keepOnly(out);
        } else {
            for (AttributePath p : excluded) {
                remove(out, p);
            }
        }
        return out;
    }

    private void keepOnly(ObjectNode out) {
        ObjectNode kept = out.objectNode();
        for (AttributePath p : attributes) {
            copy(out, kept, p);
        }
        // always-returned attributes
        for (String always : List.of("schemas", "id")) {
            if (out.has(always)) {
                kept.set(always, out.get(always));
            }
        }
        out.removeAll();
        out.setAll(kept);
    }

    private void copy(ObjectNode from, ObjectNode to, AttributePath p) {
        var resolved = schema.resolve(p);
        if (resolved.isEmpty()) {
            return;
        }
        ObjectNode src = from;
        ObjectNode dst = to;
        if (resolved.get().isExtension()) {
            String urn = resolved.get().schema().id();
            if (!(from.get(urn) instanceof ObjectNode ext)) {
                return;
            }
            src = ext;
            dst = to.get(urn) instanceof ObjectNode existing ? existing : to.putObject(urn);
        }
        String name = fieldName(src, resolved.get().attribute().name());
        if (name == null) {
            return;
        }
        JsonNode value = src.get(name);
        if (resolved.get().subAttribute() == null) {
            dst.set(name, value);
            return;
        }
        String sub = resolved.get().subAttribute().name();
        if (value.isObject()) {
            JsonNode subValue = value.get(sub);
            if (subValue != null) {
                ObjectNode target = dst.get(name) instanceof ObjectNode o ? o : dst.putObject(name);
                target.set(sub, subValue);
            }
        } else if (value.isArray()) {
            var array = dst.putArray(name);
            for (JsonNode element : value) {
                if (element.has(sub)) {
                    array.addObject().set(sub, element.get(sub));
                }
            }
        }
    }

    private void remove(ObjectNode out, AttributePath p) {
        var resolved = schema.resolve(p);
        if (resolved.isEmpty() || resolved.get().leaf().returned() == Returned.ALWAYS) {
            return;
        }
        ObjectNode target = out;
        if (resolved.get().isExtension()) {
            if (!(out.get(resolved.get().schema().id()) instanceof ObjectNode ext)) {
                return;
            }
            target = ext;
        }
        String name = fieldName(target, resolved.get().attribute().name());
        if (name == null) {
            return;
        }
        if (resolved.get().subAttribute() == null) {
            target.remove(name);
            return;
        }
        JsonNode value = target.get(name);
        List<JsonNode> elements = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(elements::add);
        } else {
            elements.add(value);
        }
        for (JsonNode e : elements) {
            if (e instanceof ObjectNode o) {
                o.remove(resolved.get().subAttribute().name());
            }
        }
    }

    private static String fieldName(ObjectNode node, String name) {
        if (node.has(name)) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        var it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (f.toLowerCase(Locale.ROOT).equals(lower)) {
                return f;
            }
        }
        return null;
    }
}
