package io.scimbridge.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.scim.JsonFields;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.AttributeType;
import io.scimbridge.scim.schema.ResourceSchema;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a filter against a SCIM resource as the client sees it (core attributes at the top
 * level, extension attributes under their schema URN). Used for in-memory filtering and by the
 * operator rules engine, so it is total: odd data (wrong JSON types, missing containers, unknown
 * attributes) makes a comparison false, never an exception.
 *
 * <p>Semantics (RFC 7644 §3.4.2.2):
 * <ul>
 *   <li>JSON keys are matched to attribute names case-insensitively.</li>
 *   <li>Strings compare case-insensitively unless the attribute is {@code caseExact}; unknown
 *       attributes are treated as not caseExact.</li>
 *   <li>Multi-valued attributes match when ANY value matches; comparing a multi-valued complex
 *       attribute without sub-attribute compares its {@code value} sub-attribute.</li>
 *   <li>{@code pr}: present, not null, not an empty string/array/object (recursively: an object
 *       whose fields are all empty is not present).</li>
 *   <li>{@code eq null} is "not present" and {@code ne null} is "present" (RFC 7643 §2.5: null
 *       and unassigned are the same state).</li>
 *   <li>{@code ne} is the negation of {@code eq}: true when the attribute is absent and, for a
 *       multi-valued attribute, when NO value equals.</li>
 *   <li>gt/ge/lt/le: strings lexically (honouring caseExact), numbers numerically, dateTime
 *       attributes chronologically when both sides parse as ISO-8601, else as strings.</li>
 *   <li>A value path matches when ONE element satisfies the whole inner filter.</li>
 *   <li>Values of the wrong JSON type never match (the string "true" is not {@code true}).</li>
 * </ul>
 */
public final class FilterEvaluator {

    private FilterEvaluator() {}

    /**
     * Where paths are resolved: the resource itself, or one element of a multi-valued complex
     * attribute inside a value path (then {@code parent} is that attribute's definition, possibly
     * null when the schema does not know it).
     */
    private record Scope(JsonNode node, ResourceSchema schema, boolean relative, AttributeDef parent) {}

    /** The values a path reaches (nulls dropped, arrays flattened) and the definition they follow, if known. */
    private record Target(List<JsonNode> values, AttributeDef def) {}

    /**
     * @param schema may be null, then every attribute is treated as unknown (not caseExact,
     *               extension attributes must be URN-qualified to be found)
     */
    public static boolean matches(Filter filter, JsonNode resource, ResourceSchema schema) {
        if (filter == null || resource == null || !resource.isObject()) {
            return false;
        }
        return eval(filter, new Scope(resource, schema, false, null));
    }

    private static boolean eval(Filter filter, Scope scope) {
        return switch (filter) {
            case Filter.And and -> eval(and.left(), scope) && eval(and.right(), scope);
            case Filter.Or or -> eval(or.left(), scope) || eval(or.right(), scope);
            case Filter.Not not -> !eval(not.inner(), scope);
            case Filter.Present present -> target(present.path(), scope).values().stream().anyMatch(FilterEvaluator::isPresent);
            case Filter.Comparison c -> compare(c, scope);
            case Filter.ValuePath vp -> valuePath(vp, scope);
        };
    }

    private static boolean valuePath(Filter.ValuePath vp, Scope scope) {
        if (scope.relative()) {
            return false; // nested value paths are not SCIM; the parser never builds them
        }
        Target t = target(vp.path(), scope);
        for (JsonNode element : t.values()) {
            if (element.isObject() && eval(vp.inner(), new Scope(element, scope.schema(), true, t.def()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean compare(Filter.Comparison c, Scope scope) {
        Target raw = target(c.path(), scope);
        if (c.value() == Filter.Null.INSTANCE) {
            boolean present = raw.values().stream().anyMatch(FilterEvaluator::isPresent);
            return switch (c.op()) {
                case EQ -> !present;
                case NE -> present;
                default -> false;
            };
        }
        Target t = valueOfComplex(raw, c.path());
        if (c.op() == CompareOp.NE) {
            return t.values().stream().noneMatch(n -> test(n, CompareOp.EQ, c.value(), t.def()));
        }
        return t.values().stream().anyMatch(n -> test(n, c.op(), c.value(), t.def()));
    }

    /** "emails co x" compares emails.value: objects reached without a sub-attribute stand for their "value". */
    private static Target valueOfComplex(Target raw, AttributePath path) {
        if (path.hasSubAttribute() || raw.values().stream().noneMatch(JsonNode::isObject)) {
            return raw;
        }
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode n : raw.values()) {
            if (n.isObject()) {
                addFlattened(values, field(n, "value"));
            } else {
                values.add(n); // odd data (a bare string in a complex list): compare it as it is
            }
        }
        AttributeDef def = raw.def() == null ? null : raw.def().subAttribute("value").orElse(null);
        return new Target(values, def);
    }

    // ---------------------------------------------------------------- locating values

    private static Target target(AttributePath path, Scope scope) {
        JsonNode attributeNode;
        AttributeDef def;
        if (scope.relative()) {
            attributeNode = field(scope.node(), path.attribute());
            def = scope.parent() == null ? null : scope.parent().subAttribute(path.attribute()).orElse(null);
        } else {
            Optional<ResourceSchema.Resolved> resolved = scope.schema() == null
                    ? Optional.empty() : scope.schema().resolve(path.withoutSubAttribute());
            attributeNode = field(container(path, resolved, scope), path.attribute());
            def = resolved.map(ResourceSchema.Resolved::attribute).orElse(null);
        }
        List<JsonNode> values = new ArrayList<>();
        addFlattened(values, attributeNode);
        if (!path.hasSubAttribute()) {
            return new Target(values, def);
        }
        List<JsonNode> subs = new ArrayList<>();
        for (JsonNode v : values) {
            addFlattened(subs, field(v, path.subAttribute()));
        }
        AttributeDef subDef = def == null ? null : def.subAttribute(path.subAttribute()).orElse(null);
        return new Target(subs, subDef);
    }

    /** The object holding the attribute: the resource, or the extension object under its URN. */
    private static JsonNode container(AttributePath path, Optional<ResourceSchema.Resolved> resolved, Scope scope) {
        JsonNode resource = scope.node();
        ResourceSchema schema = scope.schema();
        if (resolved.isPresent()) {
            String owner = resolved.get().schema().id();
            return owner.equalsIgnoreCase(schema.core().id()) ? resource : field(resource, owner);
        }
        if (path.schema() != null && (schema == null || !path.schema().equalsIgnoreCase(schema.core().id()))) {
            return field(resource, path.schema());
        }
        return resource;
    }

    /** Case-insensitive field lookup; null when absent or when {@code node} is not an object. */
    private static JsonNode field(JsonNode node, String name) {
        return JsonFields.field(node, name);
    }

    private static void addFlattened(List<JsonNode> into, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element != null && !element.isNull()) {
                    into.add(element);
                }
            }
        } else {
            into.add(node);
        }
    }

    private static boolean isPresent(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isTextual()) {
            return !n.textValue().isEmpty();
        }
        if (n.isArray() || n.isObject()) {
            for (JsonNode child : n) {
                if (isPresent(child)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- comparing one value

    private static boolean test(JsonNode node, CompareOp op, Object literal, AttributeDef def) {
        if (literal instanceof Boolean b) {
            return op == CompareOp.EQ && node.isBoolean() && node.booleanValue() == b;
        }
        if (literal instanceof Long || literal instanceof BigDecimal) {
            if (!node.isNumber() || isSubstring(op)) {
                return false;
            }
            BigDecimal right = literal instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) literal;
            return ordered(op, node.decimalValue().compareTo(right));
        }
        if (literal instanceof String s && node.isTextual()) {
            return compareStrings(node.textValue(), op, s, def);
        }
        return false;
    }

    private static boolean compareStrings(String actual, CompareOp op, String expected, AttributeDef def) {
        if (def != null && def.type() == AttributeType.DATE_TIME && !isSubstring(op)) {
            Instant a = parseDateTime(actual);
            Instant b = parseDateTime(expected);
            if (a != null && b != null) {
                return ordered(op, a.compareTo(b));
            }
        }
        boolean caseExact = def != null && def.caseExact();
        String a = caseExact ? actual : actual.toLowerCase(Locale.ROOT);
        String b = caseExact ? expected : expected.toLowerCase(Locale.ROOT);
        return switch (op) {
            case CO -> a.contains(b);
            case SW -> a.startsWith(b);
            case EW -> a.endsWith(b);
            default -> ordered(op, a.compareTo(b));
        };
    }

    private static boolean isSubstring(CompareOp op) {
        return op == CompareOp.CO || op == CompareOp.SW || op == CompareOp.EW;
    }

    /** Applies eq/ne/gt/ge/lt/le to a compareTo result. */
    private static boolean ordered(CompareOp op, int cmp) {
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            default -> false;
        };
    }

    /**
     * Parses an xsd:dateTime / ISO-8601 date-time ({@code 2011-05-13T04:42:34Z}, with an offset or
     * fraction; without offset it is taken as UTC). Returns null when it does not parse. Shared
     * with {@link FilterValidator}.
     */
    static Instant parseDateTime(String s) {
        if (s == null || s.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException notOffset) {
            // try without offset below
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notLocal) {
            return null;
        }
    }
}
