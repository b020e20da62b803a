package io.scimbridge.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.FilterParser;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.Mutability;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Returned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An attribute template of the rules file: text with {@code ${attribute}} references, such as
 * {@code '${name.givenName} ${name.familyName}'}. References are SCIM attribute paths
 * ({@code title}, {@code name.givenName}, {@code urn:...:enterprise:2.0:User:department}); a
 * multi-valued attribute gives the value of its primary element, else of its first
 * ({@code ${emails.value}}, {@code ${emails}}).
 *
 * <p>A template renders only when every reference has a non-blank value: otherwise it yields
 * nothing and the attribute is left as it is (so {@code '${name.givenName} ${name.familyName}'}
 * never produces a half name). Templates read the document as the IdP sent it, before any other
 * attribute rule.
 *
 * @param text  as written in the file
 * @param parts literals and references, in order
 */
public record Template(String text, List<Part> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    public sealed interface Part permits Literal, Reference {}

    public record Literal(String text) implements Part {}

    /**
     * @param path         as written inside {@code ${...}}
     * @param schemaUrn    the schema owning the attribute (core or an extension)
     * @param attribute    the top-level attribute, in the schema's spelling
     * @param multiValued  whether it is multi-valued (then one element is chosen)
     * @param subAttribute the sub-attribute read, or null ({@code value} for multi-valued ones)
     */
    public record Reference(AttributePath path, String schemaUrn, String attribute, boolean multiValued,
                            String subAttribute) implements Part {}

    /**
     * Parses and checks a template against a resource type.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    public static Template parse(String text, ResourceSchema schema) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(text.substring(i, open)));
            }
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("'${' at column " + (open + 1) + " is not closed by '}'");
            }
            parts.add(reference(text.substring(open + 2, close).trim(), schema));
            i = close + 1;
        }
        if (parts.stream().noneMatch(p -> p instanceof Reference) && text.isBlank()) {
            throw new IllegalArgumentException("the template is empty");
        }
        return new Template(text, parts);
    }

    private static Reference reference(String inner, ResourceSchema schema) {
        if (inner.isEmpty()) {
            throw new IllegalArgumentException("empty reference '${}'");
        }
        AttributePath path;
        try {
            path = FilterParser.parseAttributePath(inner, ScimException::invalidValue);
        } catch (ScimException e) {
            throw new IllegalArgumentException("bad reference '${" + inner + "}': " + e.getMessage());
        }
        ResourceSchema.Resolved resolved = schema.resolve(path).orElseThrow(() -> new IllegalArgumentException(
                "unknown attribute '" + inner + "' in '${" + inner + "}'" + Suggestions.didYouMeanAttribute(path, schema)));
        AttributeDef attribute = resolved.attribute();
        if (attribute.returned() == Returned.NEVER || attribute.mutability() == Mutability.WRITE_ONLY) {
            throw new IllegalArgumentException("'" + inner + "' is write-only and cannot be read by a template");
        }
        String sub = path.subAttribute() == null ? null : resolved.subAttribute().name();
        if (attribute.isComplex() && sub == null) {
            if (attribute.multiValued() && attribute.subAttribute("value").isPresent()) {
                sub = "value";
            } else {
                throw new IllegalArgumentException("'" + inner + "' is complex: name one of its sub-attributes, e.g. '"
                        + inner + "." + attribute.subAttributes().get(0).name() + "'");
            }
        }
        return new Reference(path, resolved.schema().id(), attribute.name(), attribute.multiValued(), sub);
    }

    /** The paths this template reads. */
    public List<AttributePath> references() {
        return parts.stream().filter(p -> p instanceof Reference).map(p -> ((Reference) p).path()).toList();
    }

    /** The rendered text, or empty when a reference has no value in {@code document}. */
    public Optional<String> render(ObjectNode document, ResourceSchema schema) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Reference r -> {
                    String value = value(r, document, schema);
                    if (value == null) {
                        return Optional.empty();
                    }
                    out.append(value);
                }
            }
        }
        String rendered = out.toString().strip();
        return rendered.isEmpty() ? Optional.empty() : Optional.of(rendered);
    }

    private static String value(Reference r, ObjectNode document, ResourceSchema schema) {
        JsonNode node = Documents.field(Documents.container(document, schema, r.schemaUrn(), false), r.attribute());
        if (r.multiValued()) {
            node = Documents.preferred(node);
        }
        if (r.subAttribute() != null) {
            node = Documents.field(node, r.subAttribute());
        }
        return Documents.text(node);
    }
}
