package io.scimbridge.scim.filter;

import io.scimbridge.scim.schema.AttributePath;

/**
 * A parsed RFC 7644 §3.5.2 PATCH {@code path}: {@code attrPath / valuePath [subAttr]}.
 *
 * <ul>
 *   <li>{@code name.givenName}: attribute = name.givenName (the sub-attribute lives in
 *       {@code attribute.subAttribute()}), valueFilter = null, subAttribute = null;</li>
 *   <li>{@code emails[type eq "work"].value}: attribute = emails, valueFilter = the relative
 *       filter {@code type eq "work"}, subAttribute = "value".</li>
 * </ul>
 *
 * @param attribute    the targeted attribute; never null
 * @param valueFilter  the filter selecting elements of a multi-valued attribute, or null
 * @param subAttribute the sub-attribute after the value filter; only set with a valueFilter
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

    public PatchPath {
        if (attribute == null) {
            throw new IllegalArgumentException("attribute is required");
        }
        if (subAttribute != null && valueFilter == null) {
            throw new IllegalArgumentException("a sub-attribute after the path needs a value filter");
        }
    }

    public static PatchPath of(AttributePath attribute) {
        return new PatchPath(attribute, null, null);
    }

    public boolean hasValueFilter() {
        return valueFilter != null;
    }

    @Override
    public String toString() {
        String base = attribute.toString();
        if (valueFilter == null) {
            return base;
        }
        return base + "[" + valueFilter + "]" + (subAttribute == null ? "" : "." + subAttribute);
    }
}
