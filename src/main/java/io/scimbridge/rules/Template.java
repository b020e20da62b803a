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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;

/**
 * A template of the rules file: text with {@code ${...}} references, parsed once at load time.
 * The one syntax has two kinds of reference, one kind per place in the file:
 *
 * <ul>
 *   <li>{@linkplain #parse(String, ResourceSchema) attribute references} in {@code users.attributes}:
 *       SCIM attribute paths ({@code '${name.givenName} ${name.familyName}'}, {@code ${title}},
 *       {@code urn:...:enterprise:2.0:User:department}); a multi-valued attribute gives the value
 *       of its primary element, else of its first ({@code ${emails.value}}, {@code ${emails}}).
 *       Such a template {@linkplain #render renders} only when every reference has a non-blank
 *       value: otherwise it yields nothing and the attribute is left as it is (so a half name is
 *       never produced). Templates read the document as the IdP sent it, before any other
 *       attribute rule.</li>
 *   <li>{@linkplain #ofNamedGroups named-group references} in {@code assignments}: the named
 *       groups of a rule's {@code groupPattern} ({@code '${role}'}, {@code 'team-${team}-admins'}),
 *       {@linkplain #expand expanded} per matching group.</li>
 * </ul>
 *
 * A {@code $} not followed by {@code {} is literal text.
 *
 * @param text  as written in the file
 * @param parts literals and references, in order
 */
public record Template(String text, List<Part> parts) {

    public Template {
        parts = List.copyOf(parts);
    }

    public sealed interface Part permits Literal, AttributeReference, GroupReference {}

    public record Literal(String text) implements Part {}

    /**
     * @param path         as written inside {@code ${...}}
     * @param schemaUrn    the schema owning the attribute (core or an extension)
     * @param attribute    the top-level attribute, in the schema's spelling
     * @param multiValued  whether it is multi-valued (then one element is chosen)
     * @param subAttribute the sub-attribute read, or null ({@code value} for multi-valued ones)
     */
    public record AttributeReference(AttributePath path, String schemaUrn, String attribute, boolean multiValued,
                                     String subAttribute) implements Part {}

    /** A named group of a regular expression: letters and digits, starting with a letter. */
    public record GroupReference(String group) implements Part {}

    /**
     * Parses a template of attribute references and checks them against a resource type.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    public static Template parse(String text, ResourceSchema schema) {
        return parse(text, inner -> attributeReference(inner.trim(), schema),
                open -> "'${' at column " + (open + 1) + " is not closed by '}'");
    }

    /**
     * Parses a template of named-group references; whether the groups exist is the caller's check
     * (against its pattern).
     *
     * @throws IllegalArgumentException for an unclosed {@code ${} or an empty / invalid name
     */
    public static Template ofNamedGroups(String text) {
        // assignments have always reported the 0-based position here, and the message stays as it was
        return parse(text, Template::groupReference, open -> "'${' at position " + open + " is not closed by '}'");
    }

    private static Template parse(String text, Function<String, Part> reference, IntFunction<String> unclosed) {
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
                throw new IllegalArgumentException(unclosed.apply(open));
            }
            parts.add(reference.apply(text.substring(open + 2, close)));
            i = close + 1;
        }
        if (parts.stream().allMatch(p -> p instanceof Literal) && text.isBlank()) {
            throw new IllegalArgumentException("the template is empty");
        }
        return new Template(text, parts);
    }

    private static GroupReference groupReference(String name) {
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("'${" + name + "}' must name a named group: letters and digits,"
                    + " starting with a letter");
        }
        return new GroupReference(name);
    }

    private static AttributeReference attributeReference(String inner, ResourceSchema schema) {
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
        return new AttributeReference(path, resolved.schema().id(), attribute.name(), attribute.multiValued(), sub);
    }

    /** Whether the template is plain text, without references. */
    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Literal);
    }

    /** The named groups referred to, in order of first use. */
    public Set<String> groupNames() {
        Set<String> names = new LinkedHashSet<>();
        parts.forEach(p -> {
            if (p instanceof GroupReference g) {
                names.add(g.group());
            }
        });
        return names;
    }

    /**
     * The rendered text of a template of attribute references, or empty when a reference has no
     * value in {@code document}.
     */
    public Optional<String> render(ObjectNode document, ResourceSchema schema) {
        return fill(part -> switch (part) {
            case Literal l -> l.text();
            case AttributeReference a -> value(a, document, schema);
            case GroupReference g -> throw notOf(g);
        }).map(String::strip).filter(rendered -> !rendered.isEmpty());
    }

    /**
     * The value of a template of named-group references for one match ({@code match} has matched
     * and knows every referred name); a group that did not take part gives "".
     */
    public String expand(Matcher match) {
        return fill(part -> switch (part) {
            case Literal l -> l.text();
            case GroupReference g -> match.group(g.group()) == null ? "" : match.group(g.group());
            case AttributeReference a -> throw notOf(a);
        }).orElseThrow();
    }

    /** The parts' values, in order; empty when one has none (null). */
    private Optional<String> fill(Function<Part, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            String value = values.apply(part);
            if (value == null) {
                return Optional.empty();
            }
            out.append(value);
        }
        return Optional.of(out.toString());
    }

    private IllegalStateException notOf(Part reference) {
        return new IllegalStateException("'" + text + "' holds " + reference + ", which this use cannot fill");
    }

    private static String value(AttributeReference r, ObjectNode document, ResourceSchema schema) {
        JsonNode node = Documents.field(Documents.container(document, schema, r.schemaUrn(), false), r.attribute());
        if (r.multiValued()) {
            node = Documents.preferred(node);
        }
        if (r.subAttribute() != null) {
            node = Documents.field(node, r.subAttribute());
        }
        return Documents.text(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
