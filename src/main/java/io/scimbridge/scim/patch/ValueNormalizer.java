package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.Mutability;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a PATCH operand against an attribute definition and returns a fresh canonical copy
 * (never the caller's node, so applying a patch cannot alias or modify the request).
 *
 * <ul>
 *   <li>type mismatches (object for a string, array for a single-valued attribute, number for a
 *       boolean...) are {@code invalidValue};</li>
 *   <li>booleans are coerced by {@link BooleanCoercion} ("False" from Azure AD);</li>
 *   <li>a bare scalar where a complex attribute with a {@code value} sub-attribute is expected is
 *       shorthand for {@code {"value": scalar}}: Azure AD sends the enterprise {@code manager} as
 *       a bare id, and Microsoft's SCIM reference tests add {@code members} as bare strings;</li>
 *   <li>inside a complex value, sub-attribute names become canonical, unknown sub-attributes are
 *       dropped (Microsoft's tests send {@code displayName} in members) and readOnly
 *       sub-attributes are dropped (RFC 7643 §2.2: the server owns them, e.g.
 *       {@code manager.displayName}); a JSON null sub-attribute is kept as {@link NullNode},
 *       meaning "unassign" when merged into an existing value.</li>
 * </ul>
 */
final class ValueNormalizer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ValueNormalizer() {}

    /** The operand of a whole attribute or sub-attribute: a list for multi-valued ones. */
    static JsonNode value(AttributeDef def, JsonNode value, String where) {
        if (def.multiValued()) {
            var array = JSON.arrayNode();
            elements(def, value, where).forEach(array::add);
            return array;
        }
        return single(def, value, where);
    }

    /** Elements for a multi-valued attribute: an array, or one element on its own. */
    static List<JsonNode> elements(AttributeDef def, JsonNode value, String where) {
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isNull()) {
                    out.add(element(def, element, where));
                }
            }
        } else if (!value.isNull()) {
            out.add(element(def, value, where));
        }
        return out;
    }

    /** One element of a multi-valued attribute, without unassign markers (it is new). */
    static JsonNode element(AttributeDef def, JsonNode value, String where) {
        if (value.isArray()) {
            throw ScimException.invalidValue(where + ": an element of " + def.name() + " cannot be an array");
        }
        if (!def.isComplex()) {
            return scalar(def, value, where);
        }
        ObjectNode element = JSON.objectNode();
        complex(def, value, where).properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                element.set(e.getKey(), e.getValue());
            }
        });
        return element;
    }

    static JsonNode single(AttributeDef def, JsonNode value, String where) {
        if (value.isArray()) {
            throw ScimException.invalidValue(where + " is single-valued; an array was sent");
        }
        return def.isComplex() ? complex(def, value, where) : scalar(def, value, where);
    }

    static ObjectNode complex(AttributeDef def, JsonNode value, String where) {
        if (!value.isObject()) {
            if (value.isValueNode() && def.subAttribute("value").isPresent()) {
                ObjectNode wrapped = JSON.objectNode();
                wrapped.set(def.subAttribute("value").get().name(), scalar(def.subAttribute("value").get(), value, where));
                return wrapped;
            }
            throw ScimException.invalidValue(where + " must be a JSON object");
        }
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            def.subAttribute(e.getKey()).ifPresent(sub -> {
                if (sub.mutability() == Mutability.READ_ONLY) {
                    return;
                }
                JsonNode v = e.getValue();
                out.set(sub.name(), v.isNull() ? NullNode.getInstance()
                        : sub.multiValued() ? value(sub, v, where + "." + sub.name())
                        : single(sub, v, where + "." + sub.name()));
            });
        }
        return out;
    }

    static JsonNode scalar(AttributeDef def, JsonNode value, String where) {
        switch (def.type()) {
            case BOOLEAN -> {
                return BooleanCoercion.coerce(value, where);
            }
            case INTEGER -> {
                if (value.isIntegralNumber()) {
                    return value.deepCopy();
                }
                throw ScimException.invalidValue(where + " must be an integer");
            }
            case DECIMAL -> {
                if (value.isNumber()) {
                    return value.deepCopy();
                }
                throw ScimException.invalidValue(where + " must be a number");
            }
            case DATE_TIME -> {
                if (value.isTextual()) {
                    try {
                        OffsetDateTime.parse(value.asText());
                        return value.deepCopy();
                    } catch (DateTimeParseException e) {
                        // reported below
                    }
                }
                throw ScimException.invalidValue(where + " must be a dateTime such as 2024-05-13T04:42:34Z");
            }
            case COMPLEX -> throw ScimException.invalidValue(where + " must be a JSON object");
            default -> {
                // string, reference, binary. A number is a type error, not a cast: the
                // store and the filters must see one JSON type per attribute.
                if (value.isTextual()) {
                    return value.deepCopy();
                }
                throw ScimException.invalidValue(where + " must be a string");
            }
        }
    }
}
