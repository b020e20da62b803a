package io.scimbridge.resource;

import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.CompareOp;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.AttributeType;
import io.scimbridge.scim.schema.ResourceSchema;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a filter AST into an HQL condition on {@code ResourceEntity r}: columns for the
 * attributes kept on the resource row, correlated EXISTS sub-queries on {@code AttributeRow} for
 * the rest, and on {@code MembershipRow} for members / groups. Values always travel as bound
 * parameters, never as SQL text.
 */
final class FilterQuery {

    private final ResourceType type;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private int aliases;

    private FilterQuery(ResourceType type) {
        this.type = type;
    }

    /**
     * An HQL condition and its parameters; {@code nameKey} is the name key when the whole filter is
     * an equality on the resource's name ({@code userName eq "x"}, a group's {@code displayName eq
     * "x"}: the IdPs' existence check), else null.
     */
    public record Condition(String hql, Map<String, Object> params, String nameKey) {}

    public static Condition translate(Filter filter, ResourceType type) {
        FilterQuery q = new FilterQuery(type);
        String hql = q.node(filter, null);
        String nameKey = filter instanceof Filter.Comparison c && c.op() == CompareOp.EQ && c.value() instanceof String s
                && "r.nameKey".equals(q.column(q.resolve(c.path(), null))) ? ResourceStore.nameKey(s) : null;
        return new Condition(hql, Map.copyOf(q.params), nameKey);
    }

    /** @param element alias of the element anchor row when inside a value path, else null. */
    private String node(Filter f, Element element) {
        return switch (f) {
            case Filter.And and -> chain(and, " and ", element);
            case Filter.Or or -> chain(or, " or ", element);
            case Filter.Not not -> "(not " + node(not.inner(), element) + ")";
            case Filter.Present p -> present(p.path(), element);
            case Filter.Comparison c -> comparison(c, element);
            case Filter.ValuePath vp -> valuePath(vp, element);
        };
    }

    /**
     * A whole and/or chain as one flat, parenthesised list: {@code (a or b or c)}, not
     * {@code ((a or b) or c)}. The parser builds chains left-leaning, and one parenthesis per
     * clause made Hibernate's HQL parser blow up (a 180-clause filter took 10-20 s and ended in
     * OutOfMemoryError); flat, its cost grows with the number of clauses only. The left spine is
     * walked with a loop; right operands are single clauses or groups (bounded by the filter depth).
     */
    private String chain(Filter top, String operator, Element element) {
        ArrayDeque<Filter> operands = new ArrayDeque<>();
        Filter f = top;
        while (true) {
            if (top instanceof Filter.And && f instanceof Filter.And and) {
                operands.addFirst(and.right());
                f = and.left();
            } else if (top instanceof Filter.Or && f instanceof Filter.Or or) {
                operands.addFirst(or.right());
                f = or.left();
            } else {
                break;
            }
        }
        operands.addFirst(f);
        StringBuilder hql = new StringBuilder("(");
        for (Filter operand : operands) {
            if (hql.length() > 1) {
                hql.append(operator);
            }
            hql.append(node(operand, element));
        }
        return hql.append(')').toString();
    }

    /** The value-path context: the anchor alias and the parent attribute it belongs to. */
    private record Element(String alias, ResourceSchema.Resolved parent, String parentRowPath) {}

    private ResourceSchema.Resolved resolve(AttributePath path, Element element) {
        if (element != null) {
            AttributeDef sub = element.parent().attribute().subAttribute(path.attribute())
                    .orElseThrow(() -> ScimException.invalidFilter("Unknown attribute '" + path.attribute()
                            + "' in a value filter of " + element.parent().attribute().name()));
            return new ResourceSchema.Resolved(element.parent().schema(), element.parent().attribute(), sub);
        }
        ResourceSchema.Resolved r = type.schema().resolve(path)
                .orElseThrow(() -> ScimException.invalidFilter("Unknown attribute '" + path + "'"));
        if (r.subAttribute() == null && r.attribute().isComplex()) {
            // RFC 7644 §3.4.2.2: "emails co x" on a complex attribute means its value sub-attribute
            AttributeDef value = r.attribute().subAttribute("value")
                    .orElseThrow(() -> ScimException.invalidFilter("'" + path + "' is complex: name a sub-attribute"));
            return new ResourceSchema.Resolved(r.schema(), r.attribute(), value);
        }
        return r;
    }

    private String present(AttributePath path, Element element) {
        ResourceSchema.Resolved r = resolve(path, element);
        if (element == null) {
            String column = column(r);
            if (column != null) {
                return column.equals("true") ? "true" : column + " is not null";
            }
            if (isMembership(r)) {
                return membershipExists(null, false);
            }
        }
        return rowExists(r, element, alias -> "");
    }

    private String comparison(Filter.Comparison c, Element element) {
        ResourceSchema.Resolved r = resolve(c.path(), element);
        AttributeDef leaf = r.leaf();
        if (leaf.mutability() == io.scimbridge.scim.schema.Mutability.WRITE_ONLY) {
            throw ScimException.invalidFilter("'" + c.path() + "' can't be used in a filter");
        }
        if (isNull(c.value())) {
            return switch (c.op()) {
                case EQ -> "(not " + present(c.path(), element) + ")";
                case NE -> present(c.path(), element);
                default -> throw ScimException.invalidFilter("Only eq and ne can compare with null");
            };
        }
        if (element == null && isMembership(r)) {
            if (c.op() != CompareOp.EQ && c.op() != CompareOp.NE) {
                throw ScimException.invalidFilter("Memberships can only be filtered with eq or ne on value");
            }
            if (!leaf.name().equals("value")) {
                throw ScimException.invalidFilter("Memberships can only be filtered on their value (the id)");
            }
            String m = membershipExists(param(String.valueOf(c.value())), true);
            return c.op() == CompareOp.EQ ? m : "(not " + m + ")";
        }
        if (element == null) {
            String column = column(r);
            if (column != null) {
                return columnComparison(column, r, c);
            }
        }
        if (c.op() == CompareOp.NE) {
            Filter.Comparison eq = new Filter.Comparison(c.path(), CompareOp.EQ, c.value());
            return "(not " + comparison(eq, element) + ")";
        }
        return rowExists(r, element, alias -> " and " + valueCondition(alias, leaf, c.op(), c.value()));
    }

    private String valuePath(Filter.ValuePath vp, Element outer) {
        if (outer != null) {
            throw ScimException.invalidFilter("Value filters can't be nested");
        }
        ResourceSchema.Resolved r = type.schema().resolve(vp.path())
                .orElseThrow(() -> ScimException.invalidFilter("Unknown attribute '" + vp.path() + "'"));
        if (!r.attribute().isComplex() || !r.attribute().multiValued() || r.subAttribute() != null) {
            throw ScimException.invalidFilter("'" + vp.path() + "' is not a multi-valued complex attribute");
        }
        if (isMembership(r)) {
            return membershipValuePath(vp);
        }
        String alias = "e" + (++aliases);
        String rowPath = AttributeIndexer.rowPath(r, vp.path().withoutSubAttribute());
        Element element = new Element(alias, r, rowPath);
        return "exists (select 1 from AttributeRow " + alias + " where " + alias + ".resourcePk = r.pk and "
                + alias + ".path = " + param(rowPath) + " and " + node(vp.inner(), element) + ")";
    }

    /** members[value eq "id"] and groups[value eq "id"]: only equality on value is meaningful. */
    private String membershipValuePath(Filter.ValuePath vp) {
        if (vp.inner() instanceof Filter.Comparison c && c.path().attribute().equalsIgnoreCase("value")
                && c.path().subAttribute() == null && (c.op() == CompareOp.EQ || c.op() == CompareOp.NE)
                && !isNull(c.value())) {
            String m = membershipExists(param(String.valueOf(c.value())), true);
            return c.op() == CompareOp.EQ ? m : "(not " + m + ")";
        }
        throw ScimException.invalidFilter("Memberships can only be filtered as " + vp.path() + "[value eq \"id\"]");
    }

    private String rowExists(ResourceSchema.Resolved r, Element element,
                             java.util.function.Function<String, String> extra) {
        String alias = "x" + (++aliases);
        String rowPath = element != null
                ? element.parentRowPath() + "." + r.subAttribute().lowerName()
                : AttributeIndexer.rowPath(r, null);
        String correlation = element != null ? " and " + alias + ".elem = " + element.alias() + ".elem" : "";
        return "exists (select 1 from AttributeRow " + alias + " where " + alias + ".resourcePk = r.pk and "
                + alias + ".path = " + param(rowPath) + correlation + extra.apply(alias) + ")";
    }

    /** The condition on one AttributeRow, by its alias, comparing its value with the operand. */
    private String valueCondition(String alias, AttributeDef leaf, CompareOp op, Object value) {
        String column;
        Object operand;
        switch (leaf.type()) {
            case BOOLEAN -> {
                column = alias + ".bool";
                operand = bool(value);
                if (op != CompareOp.EQ) {
                    throw ScimException.invalidFilter("Booleans can only be compared with eq or ne");
                }
            }
            case INTEGER, DECIMAL -> {
                column = alias + ".num";
                operand = number(value);
            }
            case DATE_TIME -> {
                column = alias + ".ts";
                operand = time(value);
            }
            default -> {
                if (!(value instanceof String s)) {
                    throw ScimException.invalidFilter("'" + leaf.name() + "' is a string: compare it with a quoted value");
                }
                boolean exact = leaf.caseExact();
                column = alias + (exact ? ".strExact" : ".strCi");
                operand = exact ? s : s.toLowerCase(Locale.ROOT);
            }
        }
        return compare(column, op, operand);
    }

    private String compare(String column, CompareOp op, Object operand) {
        return switch (op) {
            case EQ -> column + " = " + param(operand);
            case NE -> "(" + column + " is null or " + column + " <> " + param(operand) + ")";
            case GT -> column + " > " + param(operand);
            case GE -> column + " >= " + param(operand);
            case LT -> column + " < " + param(operand);
            case LE -> column + " <= " + param(operand);
            case CO -> like(column, "%" + escapeLike(text(operand)) + "%");
            case SW -> like(column, escapeLike(text(operand)) + "%");
            case EW -> like(column, "%" + escapeLike(text(operand)));
        };
    }

    private String like(String column, String pattern) {
        return column + " like " + param(pattern) + " escape '!'";
    }

    private static String text(Object operand) {
        if (operand instanceof String s) {
            return s;
        }
        throw ScimException.invalidFilter("co, sw and ew compare strings only");
    }

    private static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The column holding a resource-row attribute, "true" for constants, or null. */
    private String column(ResourceSchema.Resolved r) {
        String name = r.attribute().name();
        if (r.isExtension()) {
            return null;
        }
        if (name.equals("id")) {
            return "r.id";
        }
        if (name.equals("externalId")) {
            return "r.externalId";
        }
        if (name.equals(type.nameAttribute())) {
            return "r.nameKey";
        }
        if (type == ResourceType.USER && name.equals("active")) {
            return "r.active";
        }
        if (name.equals("meta")) {
            return switch (r.subAttribute().name()) {
                case "created" -> "r.created";
                case "lastModified" -> "r.lastModified";
                case "resourceType" -> "true";
                default -> throw ScimException.invalidFilter("meta." + r.subAttribute().name() + " can't be used in a filter");
            };
        }
        return null;
    }

    private String columnComparison(String column, ResourceSchema.Resolved r, Filter.Comparison c) {
        AttributeDef leaf = r.leaf();
        if (column.equals("true")) { // meta.resourceType
            boolean same = type.wireName().equalsIgnoreCase(String.valueOf(c.value()));
            boolean result = switch (c.op()) {
                case EQ -> same;
                case NE -> !same;
                default -> throw ScimException.invalidFilter("meta.resourceType can only be compared with eq or ne");
            };
            return result ? "(1 = 1)" : "(1 = 0)";
        }
        Object operand;
        if (leaf.type() == AttributeType.BOOLEAN) {
            operand = bool(c.value());
            if (c.op() != CompareOp.EQ && c.op() != CompareOp.NE) {
                throw ScimException.invalidFilter("Booleans can only be compared with eq or ne");
            }
        } else if (leaf.type() == AttributeType.DATE_TIME) {
            operand = time(c.value());
        } else if (c.value() instanceof String s) {
            operand = column.equals("r.nameKey") ? ResourceStore.nameKey(s) : s;
        } else {
            throw ScimException.invalidFilter("'" + c.path() + "' is a string: compare it with a quoted value");
        }
        return compare(column, c.op(), operand);
    }

    private boolean isMembership(ResourceSchema.Resolved r) {
        String name = r.attribute().name();
        return !r.isExtension() && ((type == ResourceType.GROUP && name.equals("members"))
                || (type == ResourceType.USER && name.equals("groups")));
    }

    /** A group's member with that id, or a user's group with that id (or any, when id is null). */
    private String membershipExists(String idParam, boolean withId) {
        String m = "m" + (++aliases);
        String o = "o" + aliases;
        boolean group = type == ResourceType.GROUP;
        String self = group ? m + ".groupPk" : m + ".memberPk";
        String other = group ? m + ".memberPk" : m + ".groupPk";
        if (!withId) {
            return "exists (select 1 from MembershipRow " + m + " where " + self + " = r.pk)";
        }
        return "exists (select 1 from MembershipRow " + m + ", ResourceEntity " + o + " where " + self
                + " = r.pk and " + o + ".pk = " + other + " and " + o + ".id = " + idParam + ")";
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw ScimException.invalidFilter("Expected true or false, got " + value);
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw ScimException.invalidFilter("Expected a number, got " + value);
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof String s) {
            try {
                return OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                throw ScimException.invalidFilter("Expected an xsd:dateTime such as 2024-05-13T04:42:34Z, got \"" + s + "\"");
            }
        }
        throw ScimException.invalidFilter("Expected a quoted xsd:dateTime, got " + value);
    }

    static boolean isNull(Object value) {
        return value == null || value == Filter.Null.INSTANCE;
    }

    private String param(Object value) {
        if (value instanceof String s && s.indexOf('\0') >= 0) {
            // no stored value holds NUL (the normalizer refuses it) and PostgreSQL can't even compare it
            throw ScimException.invalidFilter("A NUL character can't be compared");
        }
        String name = "p" + params.size();
        params.put(name, value);
        return ":" + name;
    }
}
