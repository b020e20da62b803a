package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.filter.PatchPath;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Schema;

/**
 * A PATCH path resolved against the resource type: which attribute (and sub-attribute) it names,
 * in which schema, and the value filter if any. Also knows where the attribute lives in the
 * document: core and common attributes at the top, extension attributes inside the object keyed
 * by the extension URN.
 *
 * @param schema       the schema that owns the attribute
 * @param extension    whether {@code schema} is an extension (not the resource's core schema)
 * @param attribute    the top-level attribute
 * @param valueFilter  selects elements of a multi-valued attribute, or null
 * @param subAttribute the sub-attribute targeted (after the filter or the dot), or null
 */
record PatchTarget(Schema schema, boolean extension, AttributeDef attribute, Filter valueFilter,
                   AttributeDef subAttribute) {

    /** Resolves {@code path}; anything it does not name is {@code invalidPath}. */
    static PatchTarget resolve(PatchPath path, ResourceSchema resource) {
        AttributePath attr = path.attribute();
        if (path.valueFilter() != null && attr.hasSubAttribute()) {
            throw ScimException.invalidPath("A value filter cannot follow a sub-attribute: " + describe(path));
        }
        AttributePath full = path.subAttribute() == null ? attr : attr.withSubAttribute(path.subAttribute());
        ResourceSchema.Resolved r = resource.resolve(full)
                .orElseThrow(() -> ScimException.invalidPath("Unknown attribute in path: " + describe(path)));
        if (path.valueFilter() != null) {
            if (!r.attribute().multiValued() || !r.attribute().isComplex()) {
                throw ScimException.invalidPath("A value filter needs a multi-valued complex attribute: " + describe(path));
            }
            checkFilterNames(path.valueFilter(), r.attribute(), path);
        }
        boolean extension = !r.schema().id().equalsIgnoreCase(resource.core().id());
        return new PatchTarget(r.schema(), extension, r.attribute(), path.valueFilter(), r.subAttribute());
    }

    /** The filter may only name sub-attributes of the filtered attribute. */
    private static void checkFilterNames(Filter f, AttributeDef attribute, PatchPath path) {
        switch (f) {
            case Filter.Comparison c -> checkName(c.path(), attribute, path);
            case Filter.Present p -> checkName(p.path(), attribute, path);
            case Filter.And a -> {
                checkFilterNames(a.left(), attribute, path);
                checkFilterNames(a.right(), attribute, path);
            }
            case Filter.Or o -> {
                checkFilterNames(o.left(), attribute, path);
                checkFilterNames(o.right(), attribute, path);
            }
            case Filter.Not n -> checkFilterNames(n.inner(), attribute, path);
            case Filter.ValuePath v -> throw ScimException.invalidPath("Nested value filter in path: " + describe(path));
        }
    }

    private static void checkName(AttributePath p, AttributeDef attribute, PatchPath path) {
        if (attribute.subAttribute(p.attribute()).isEmpty()) {
            throw ScimException.invalidPath("'" + p.attribute() + "' is not a sub-attribute of "
                    + attribute.name() + " in path: " + describe(path));
        }
    }

    /** Human-readable name of the target for error messages. */
    String describe() {
        return subAttribute == null ? describeAttribute() : describeAttribute() + "." + subAttribute.name();
    }

    /** The attribute (and filter marker) without the sub-attribute. */
    String describeAttribute() {
        String base = extension ? schema.id() + ":" + attribute.name() : attribute.name();
        return valueFilter == null ? base : base + "[...]";
    }

    /** A path for error messages; the filter is elided (its AST has no SCIM rendering here). */
    private static String describe(PatchPath path) {
        String base = path.attribute().toString();
        if (path.valueFilter() == null) {
            return base;
        }
        return base + "[...]" + (path.subAttribute() == null ? "" : "." + path.subAttribute());
    }

    /**
     * The object holding the attribute: the document itself, or its extension object (created
     * when {@code create}; null when absent and not created).
     */
    ObjectNode container(ObjectNode document, boolean create) {
        if (!extension) {
            return document;
        }
        JsonNode ext = JsonFields.get(document, schema.id());
        if (ext instanceof ObjectNode o) {
            return o;
        }
        if (!create) {
            return null;
        }
        ObjectNode created = document.objectNode();
        JsonFields.put(document, schema.id(), created);
        return created;
    }

    /** The attribute's current value, or null. */
    JsonNode current(ObjectNode document) {
        ObjectNode c = container(document, false);
        return c == null ? null : JsonFields.get(c, attribute.name());
    }
}
