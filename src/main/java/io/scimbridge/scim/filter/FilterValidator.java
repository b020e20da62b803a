package io.scimbridge.scim.filter;

import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.AttributeType;
import io.scimbridge.scim.schema.Mutability;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Returned;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Checks a parsed filter against a resource type, so that consumers (SQL translation, rules)
 * only ever see paths that resolve and comparisons that make sense. Every failure is
 * {@link ScimException#invalidFilter} (RFC 7644 §3.4.2.2: "the specified attribute and filter
 * comparison combination is not supported").
 *
 * <p>Decisions:
 * <ul>
 *   <li>{@code schemas} is not an attribute of the schema model, so it is refused ("not
 *       supported"); the evaluator still handles it for callers that skip validation.</li>
 *   <li>A multi-valued complex attribute with a {@code value} sub-attribute may be compared
 *       directly ({@code emails co "x"} means {@code emails.value co "x"}, RFC 7644 §3.4.2.2);
 *       any other complex attribute without a sub-attribute only supports {@code pr}.</li>
 *   <li>Values must have the attribute's JSON type: a boolean attribute takes {@code true}/
 *       {@code false} only (the string {@code "true"} is refused), numbers take numbers, and
 *       string, reference, binary and dateTime attributes take strings. {@code null} is accepted
 *       with {@code eq}/{@code ne} everywhere (it means absent / present).</li>
 *   <li>A dateTime compared with eq/ne/gt/ge/lt/le must be a valid ISO-8601 date-time.</li>
 *   <li>Attributes that are never returned (password) or write-only cannot be filtered on:
 *       otherwise a filter would be an oracle for their values.</li>
 * </ul>
 */
public final class FilterValidator {

    private FilterValidator() {}

    public static void validate(Filter filter, ResourceSchema schema) {
        switch (filter) {
            case Filter.And and -> {
                validate(and.left(), schema);
                validate(and.right(), schema);
            }
            case Filter.Or or -> {
                validate(or.left(), schema);
                validate(or.right(), schema);
            }
            case Filter.Not not -> validate(not.inner(), schema);
            case Filter.Present present -> resolveTop(present.path(), schema);
            case Filter.Comparison c -> checkComparison(c, resolveTop(c.path(), schema), c.path().toString());
            case Filter.ValuePath vp -> {
                AttributeDef parent = resolveTop(vp.path(), schema);
                if (!parent.isComplex() || !parent.multiValued() || vp.path().hasSubAttribute()) {
                    throw ScimException.invalidFilter("Invalid filter: '" + vp.path()
                            + "' is not a multi-valued complex attribute, so it cannot take a value filter '[...]'");
                }
                validateInner(vp.inner(), parent, vp.path());
            }
        }
    }

    /** Validates a value filter whose paths name sub-attributes of {@code parent}. */
    private static void validateInner(Filter filter, AttributeDef parent, AttributePath parentPath) {
        switch (filter) {
            case Filter.And and -> {
                validateInner(and.left(), parent, parentPath);
                validateInner(and.right(), parent, parentPath);
            }
            case Filter.Or or -> {
                validateInner(or.left(), parent, parentPath);
                validateInner(or.right(), parent, parentPath);
            }
            case Filter.Not not -> validateInner(not.inner(), parent, parentPath);
            case Filter.Present present -> resolveSub(present.path(), parent, parentPath);
            case Filter.Comparison c -> checkComparison(c, resolveSub(c.path(), parent, parentPath),
                    parentPath + "." + c.path());
            case Filter.ValuePath vp -> throw ScimException.invalidFilter(
                    "Invalid filter: value filters cannot be nested ('" + vp.path() + "[...]' inside '" + parentPath + "[...]')");
        }
    }

    private static AttributeDef resolveTop(AttributePath path, ResourceSchema schema) {
        if (path.schema() == null && path.attribute().equalsIgnoreCase("schemas")) {
            throw ScimException.invalidFilter("Invalid filter: filtering on 'schemas' is not supported");
        }
        Optional<ResourceSchema.Resolved> resolved = schema.resolve(path);
        if (resolved.isEmpty()) {
            throw ScimException.invalidFilter("Invalid filter: unknown attribute '" + path + "'");
        }
        AttributeDef attribute = resolved.get().attribute();
        checkFilterable(attribute, path);
        if (resolved.get().subAttribute() != null) {
            checkFilterable(resolved.get().subAttribute(), path);
        }
        return resolved.get().leaf();
    }

    private static AttributeDef resolveSub(AttributePath relative, AttributeDef parent, AttributePath parentPath) {
        if (relative.schema() != null || relative.hasSubAttribute()) {
            throw ScimException.invalidFilter("Invalid filter: inside '" + parentPath
                    + "[...]' only sub-attribute names are allowed, found '" + relative + "'");
        }
        AttributeDef sub = parent.subAttribute(relative.attribute()).orElseThrow(() -> ScimException.invalidFilter(
                "Invalid filter: unknown attribute '" + parentPath + "." + relative.attribute() + "'"));
        checkFilterable(sub, relative);
        return sub;
    }

    private static void checkFilterable(AttributeDef def, AttributePath path) {
        if (def.returned() == Returned.NEVER || def.mutability() == Mutability.WRITE_ONLY) {
            throw ScimException.invalidFilter("Invalid filter: attribute '" + path + "' cannot be used in a filter");
        }
    }

    private static void checkComparison(Filter.Comparison c, AttributeDef def, String shownPath) {
        AttributeDef leaf = def;
        if (def.isComplex()) {
            Optional<AttributeDef> value = def.multiValued() ? def.subAttribute("value") : Optional.empty();
            if (value.isEmpty()) {
                throw ScimException.invalidFilter("Invalid filter: '" + shownPath
                        + "' is a complex attribute; compare one of its sub-attributes or use 'pr'");
            }
            leaf = value.get();
        }
        Object v = c.value();
        CompareOp op = c.op();
        if (v == Filter.Null.INSTANCE) {
            if (op != CompareOp.EQ && op != CompareOp.NE) {
                throw incompatible(c, shownPath, "null");
            }
            return;
        }
        AttributeType type = leaf.type();
        switch (type) {
            case BOOLEAN -> {
                if (!(v instanceof Boolean)) {
                    throw incompatible(c, shownPath, "a non-boolean value");
                }
                if (op != CompareOp.EQ && op != CompareOp.NE) {
                    throw ScimException.invalidFilter("Invalid filter: '" + op.token()
                            + "' cannot be used on the boolean attribute '" + shownPath + "'");
                }
            }
            case INTEGER, DECIMAL -> {
                if (!(v instanceof Long || v instanceof BigDecimal)) {
                    throw incompatible(c, shownPath, "a non-numeric value");
                }
                if (type == AttributeType.INTEGER && v instanceof BigDecimal d && !isIntegral(d)) {
                    throw incompatible(c, shownPath, "a non-integer value");
                }
                if (op == CompareOp.CO || op == CompareOp.SW || op == CompareOp.EW) {
                    throw ScimException.invalidFilter("Invalid filter: '" + op.token()
                            + "' cannot be used on the numeric attribute '" + shownPath + "'");
                }
            }
            case STRING, REFERENCE, BINARY, DATE_TIME -> {
                if (!(v instanceof String s)) {
                    throw incompatible(c, shownPath, "a non-string value (quote it)");
                }
                boolean substring = op == CompareOp.CO || op == CompareOp.SW || op == CompareOp.EW;
                if (type == AttributeType.DATE_TIME && !substring && FilterEvaluator.parseDateTime(s) == null) {
                    throw ScimException.invalidFilter("Invalid filter: '" + shorten(s) + "' is not a valid dateTime for '"
                            + shownPath + "' (expected e.g. 2011-05-13T04:42:34Z)");
                }
            }
            case COMPLEX -> throw incompatible(c, shownPath, "a value");
        }
    }

    /** Keeps error details small: values come from the client and may be long. */
    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static ScimException incompatible(Filter.Comparison c, String shownPath, String what) {
        return ScimException.invalidFilter("Invalid filter: '" + shownPath + " " + c.op().token()
                + "' cannot be compared with " + what);
    }
}
