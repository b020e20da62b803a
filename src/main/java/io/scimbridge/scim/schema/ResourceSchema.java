package io.scimbridge.scim.schema;

import java.util.List;
import java.util.Optional;

/**
 * A resource type (User, Group): its core schema plus extensions, and the resolution of an
 * {@link AttributePath} to the attribute definitions it names.
 */
public record ResourceSchema(String name, String endpoint, Schema core, List<Schema> extensions) {

    public ResourceSchema {
        extensions = List.copyOf(extensions);
    }

    /** What a path names: the schema that owns it, the top-level attribute, and the sub-attribute if any. */
    public record Resolved(Schema schema, AttributeDef attribute, AttributeDef subAttribute) {
        /** The definition the path ends at. */
        public AttributeDef leaf() {
            return subAttribute != null ? subAttribute : attribute;
        }

        public boolean isExtension() {
            return !schema.id().equals(ScimSchemas.USER) && !schema.id().equals(ScimSchemas.GROUP);
        }
    }

    public Optional<Schema> schema(String urn) {
        if (core.id().equalsIgnoreCase(urn)) {
            return Optional.of(core);
        }
        return extensions.stream().filter(s -> s.id().equalsIgnoreCase(urn)).findFirst();
    }

    /**
     * Resolves a path against this resource type. Common attributes (id, externalId, meta) belong
     * to every schema. An unqualified name is looked up in the core schema first, then in the
     * extensions. Returns empty when the path names nothing this server knows.
     */
    public Optional<Resolved> resolve(AttributePath path) {
        Optional<AttributeDef> common = common(path.attribute());
        if (common.isPresent() && (path.schema() == null || core.id().equalsIgnoreCase(path.schema()))) {
            return withSub(core, common.get(), path);
        }
        if (path.schema() != null) {
            return schema(path.schema()).flatMap(s -> s.attribute(path.attribute()).flatMap(a -> withSub(s, a, path)));
        }
        Optional<AttributeDef> inCore = core.attribute(path.attribute());
        if (inCore.isPresent()) {
            return withSub(core, inCore.get(), path);
        }
        for (Schema ext : extensions) {
            Optional<AttributeDef> inExt = ext.attribute(path.attribute());
            if (inExt.isPresent()) {
                return withSub(ext, inExt.get(), path);
            }
        }
        return Optional.empty();
    }

    private static Optional<Resolved> withSub(Schema schema, AttributeDef attr, AttributePath path) {
        if (!path.hasSubAttribute()) {
            return Optional.of(new Resolved(schema, attr, null));
        }
        return attr.subAttribute(path.subAttribute()).map(sub -> new Resolved(schema, attr, sub));
    }

    public static Optional<AttributeDef> common(String attributeName) {
        for (AttributeDef def : List.of(ScimSchemas.ID, ScimSchemas.EXTERNAL_ID, ScimSchemas.META)) {
            if (def.name().equalsIgnoreCase(attributeName)) {
                return Optional.of(def);
            }
        }
        return Optional.empty();
    }

    public List<String> schemaUrns() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(core.id()),
                extensions.stream().map(Schema::id)).toList();
    }
}
