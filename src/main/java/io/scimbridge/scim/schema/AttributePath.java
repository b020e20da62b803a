package io.scimbridge.scim.schema;

import java.util.Locale;

/**
 * An attribute reference as written in filters, PATCH paths, sortBy and attributes lists:
 * {@code [schemaUrn:]attribute[.subAttribute]}. Never re-split a string: parse once into this.
 *
 * @param schema       the schema URN when the reference was qualified (e.g. the enterprise
 *                     extension), else null
 * @param attribute    the top-level attribute name as written
 * @param subAttribute the sub-attribute name, or null
 */
public record AttributePath(String schema, String attribute, String subAttribute) {

    public AttributePath {
        if (attribute == null || attribute.isEmpty()) {
            throw new IllegalArgumentException("attribute name is required");
        }
    }

    public static AttributePath of(String attribute) {
        return new AttributePath(null, attribute, null);
    }

    public static AttributePath of(String attribute, String subAttribute) {
        return new AttributePath(null, attribute, subAttribute);
    }

    public AttributePath withSubAttribute(String sub) {
        return new AttributePath(schema, attribute, sub);
    }

    public AttributePath withoutSubAttribute() {
        return new AttributePath(schema, attribute, null);
    }

    public boolean hasSubAttribute() {
        return subAttribute != null;
    }

    /** Case-insensitive key for maps, without the schema. */
    public String key() {
        String a = attribute.toLowerCase(Locale.ROOT);
        return subAttribute == null ? a : a + "." + subAttribute.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        String base = schema == null ? attribute : schema + ":" + attribute;
        return subAttribute == null ? base : base + "." + subAttribute;
    }
}
