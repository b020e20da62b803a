package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.filter.CompareOp;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.filter.FilterEvaluator;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.ResourceSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Value filters of PATCH paths ({@code emails[type eq "work"]}) applied to the elements of a
 * multi-valued attribute, using the one in-memory {@link FilterEvaluator} so PATCH and
 * {@code ?filter=} can never disagree (case-exactness, type comparison).
 */
final class ElementMatcher {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ElementMatcher() {}

    /** The elements of {@code array} the target's value filter selects, in document order. */
    static List<ObjectNode> matching(PatchTarget target, ArrayNode array, ResourceSchema resource) {
        List<ObjectNode> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (JsonNode element : array) {
            if (element instanceof ObjectNode o && matches(target, o, resource)) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * Evaluates the relative filter against one element by wrapping it as the only element of
     * a one-attribute resource and asking whether {@code attr[filter]} matches that resource.
     */
    private static boolean matches(PatchTarget target, ObjectNode element, ResourceSchema resource) {
        ObjectNode wrapper = JSON.objectNode();
        ObjectNode holder = target.extension() ? wrapper.putObject(target.schema().id()) : wrapper;
        holder.putArray(target.attribute().name()).add(element);
        AttributePath path = new AttributePath(target.extension() ? target.schema().id() : null,
                target.attribute().name(), null);
        return FilterEvaluator.matches(new Filter.ValuePath(path, target.valueFilter()), wrapper, resource);
    }

    /**
     * The element a filter describes, for creating it when nothing matches (Azure AD replaces
     * {@code phoneNumbers[type eq "mobile"].value} on users that have no mobile number yet).
     * Only a conjunction of {@code eq} comparisons describes one element; anything else
     * ({@code or}, {@code ne}, {@code pr}...) returns empty.
     */
    static Optional<ObjectNode> seed(Filter filter) {
        ObjectNode seed = JSON.objectNode();
        return collect(filter, seed) ? Optional.of(seed) : Optional.empty();
    }

    private static boolean collect(Filter f, ObjectNode seed) {
        if (f instanceof Filter.And and) {
            return collect(and.left(), seed) && collect(and.right(), seed);
        }
        if (f instanceof Filter.Comparison c && c.op() == CompareOp.EQ) {
            JsonNode v = switch (c.value()) {
                case String s -> JSON.textNode(s);
                case Boolean b -> JSON.booleanNode(b);
                case Long l -> JSON.numberNode(l);
                case BigDecimal d -> JSON.numberNode(d);
                default -> null; // eq null describes an absent value: nothing to fill in
            };
            if (v != null) {
                seed.set(c.path().attribute(), v);
            }
            return v != null;
        }
        return false;
    }
}
