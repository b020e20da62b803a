package io.scimbridge.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a client's resource JSON into the canonical form the store keeps: attribute names in the
 * schema's spelling, extension attributes under their schema URN, booleans as booleans (Azure AD
 * sends "True"/"False"), read-only attributes dropped (RFC 7643 §2.2: the server ignores them),
 * attributes of unknown extension schemas ignored, types checked. Values are never invented.
 *
 * <p>Checks the whole document before returning, so a bad value anywhere refuses the request
 * with {@code invalidValue} (or {@code invalidSyntax} for a missing required attribute) and
 * nothing is stored.
 */
public final class ResourceNormalizer {

    /** Longest string value accepted in any attribute; far above what Identity Center allows. */
    public static final int MAX_STRING_LENGTH = 2048;
    /** Most values accepted in one multi-valued attribute other than members. */
    public static final int MAX_MULTI_VALUES = 100;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ResourceSchema resource;

    public ResourceNormalizer(ResourceSchema resource) {
        this.resource = resource;
    }

    /**
     * A POST or PUT body must say what it is (RFC 7643 §3: {@code schemas} is REQUIRED and lists
     * the resource's core schema): missing, not an array of strings, or without the core schema
     * is 400 invalidValue. Azure AD, Okta and Microsoft's conformance collection all send it.
     * Not applied to the document a PATCH produces, which the client never sent whole.
     */
    public void requireCoreSchema(JsonNode input) {
        if (input == null || !input.isObject()) {
            return; // normalize() refuses it as invalidSyntax
        }
        JsonNode schemas = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = input.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase("schemas")) {
                schemas = field.getValue();
            }
        }
        String core = resource.core().id();
        if (schemas == null || schemas.isNull()) {
            throw ScimException.invalidValue("'schemas' is required and must list " + core);
        }
        if (!schemas.isArray()) {
            throw ScimException.invalidValue("'schemas' must be an array of schema URIs including " + core);
        }
        boolean listed = false;
        for (JsonNode urn : schemas) {
            if (!urn.isTextual()) {
                throw ScimException.invalidValue("'schemas' must be an array of schema URIs including " + core);
            }
            listed |= urn.textValue().equalsIgnoreCase(core);
        }
        if (!listed) {
            throw ScimException.invalidValue("'schemas' must include " + core + " for a " + resource.name());
        }
    }

    /**
     * Normalises a full resource (POST or PUT body). {@code members} of groups and
     * {@code password} of users are kept in the result for the caller to take out.
     */
    public ObjectNode normalize(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw ScimException.invalidSyntax("The request body must be a JSON object");
        }
        ObjectNode out = JSON.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = input.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("meta") || key.equalsIgnoreCase("id")) {
                continue; // schemas is recomputed, id and meta are the server's (readOnly)
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("urn:")) {
                normalizeExtensionEntry(key, value, out);
                continue;
            }
            resource.core().attribute(key)
                    .or(() -> ResourceSchema.common(key))
                    .ifPresent(def -> put(out, def, value, resource.core().id()));
        }
        requireAttributes(out);
        return out;
    }

    private void normalizeExtensionEntry(String key, JsonNode value, ObjectNode out) {
        // Either a whole extension object keyed by its URN, or a URN-qualified attribute name.
        var schema = resource.schema(key);
        if (schema.isPresent()) {
            if (value.isNull()) {
                return;
            }
            if (!value.isObject()) {
                throw ScimException.invalidValue("Extension " + key + " must be a JSON object");
            }
            ObjectNode ext = extensionNode(out, schema.get());
            value.fields().forEachRemaining(e -> schema.get().attribute(e.getKey())
                    .ifPresent(def -> put(ext, def, e.getValue(), schema.get().id())));
            if (ext.isEmpty()) {
                out.remove(schema.get().id());
            }
            return;
        }
        int colon = key.lastIndexOf(':');
        var qualified = resource.schema(key.substring(0, colon));
        if (qualified.isPresent()) {
            String attr = key.substring(colon + 1);
            qualified.get().attribute(attr).ifPresent(def -> {
                ObjectNode target = qualified.get() == resource.core() ? out : extensionNode(out, qualified.get());
                put(target, def, value, qualified.get().id());
            });
        }
        // Unknown extension URNs (Microsoft's ADSCIM Group schema, for one) are tolerated and ignored.
    }

    private static ObjectNode extensionNode(ObjectNode out, Schema schema) {
        JsonNode existing = out.get(schema.id());
        return existing instanceof ObjectNode o ? o : out.putObject(schema.id());
    }

    private void put(ObjectNode target, AttributeDef def, JsonNode value, String schemaId) {
        if (def.mutability() == Mutability.READ_ONLY) {
            return;
        }
        JsonNode normalized = normalizeValue(def, value, def.name());
        if (normalized == null) {
            target.remove(def.name());
        } else {
            target.set(def.name(), normalized);
        }
    }

    /** Returns the canonical value, or null when the value is absent (null, empty). */
    public JsonNode normalizeValue(AttributeDef def, JsonNode value, String where) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (def.multiValued()) {
            ArrayNode array = JSON.arrayNode();
            if (value.isArray()) {
                if (value.size() > MAX_MULTI_VALUES && !def.name().equals("members")) {
                    throw ScimException.invalidValue(where + " has more than " + MAX_MULTI_VALUES + " values");
                }
                for (JsonNode element : value) {
                    JsonNode n = normalizeSingle(def, element, where);
                    if (n != null) {
                        array.add(n);
                    }
                }
            } else {
                // RFC 7643 §2.4: a multi-valued attribute is a JSON array; a lone object here is
                // a client bug worth reporting, not a one-element list to guess at.
                throw ScimException.invalidValue(where + " is multi-valued; send a JSON array");
            }
            return array.isEmpty() ? null : array;
        }
        if (value.isArray()) {
            throw ScimException.invalidValue(where + " is single-valued; an array was sent");
        }
        return normalizeSingle(def, value, where);
    }

    private JsonNode normalizeSingle(AttributeDef def, JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (def.isComplex()) {
            if (!value.isObject()) {
                throw ScimException.invalidValue(where + " must be a JSON object");
            }
            ObjectNode out = JSON.objectNode();
            value.fields().forEachRemaining(e -> def.subAttribute(e.getKey()).ifPresent(sub -> {
                if (sub.mutability() == Mutability.READ_ONLY && !def.name().equals("manager")) {
                    return;
                }
                JsonNode n = normalizeSingle(sub, e.getValue(), where + "." + sub.name());
                if (n != null) {
                    out.set(sub.name(), n);
                }
            }));
            return out.isEmpty() ? null : out;
        }
        return scalar(def, value, where);
    }

    /** Checks and coerces one scalar value to the attribute's type. */
    public static JsonNode scalar(AttributeDef def, JsonNode value, String where) {
        switch (def.type()) {
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value;
                }
                if (value.isTextual()) {
                    String s = value.asText().trim();
                    if (s.equalsIgnoreCase("true")) {
                        return JSON.booleanNode(true);
                    }
                    if (s.equalsIgnoreCase("false")) {
                        return JSON.booleanNode(false);
                    }
                }
                throw ScimException.invalidValue(where + " must be a boolean");
            }
            case INTEGER -> {
                if (value.isIntegralNumber()) {
                    return value;
                }
                throw ScimException.invalidValue(where + " must be an integer");
            }
            case DECIMAL -> {
                if (value.isNumber()) {
                    return value;
                }
                throw ScimException.invalidValue(where + " must be a number");
            }
            case DATE_TIME -> {
                if (value.isTextual()) {
                    try {
                        OffsetDateTime.parse(value.asText());
                        return value;
                    } catch (DateTimeParseException e) {
                        // fall through
                    }
                }
                throw ScimException.invalidValue(where + " must be an xsd:dateTime such as 2024-05-13T04:42:34Z");
            }
            case COMPLEX -> throw ScimException.invalidValue(where + " must be a JSON object");
            default -> {
                if (!value.isTextual()) {
                    // A string attribute given as a number or boolean is a type error, not a cast.
                    throw ScimException.invalidValue(where + " must be a string");
                }
                if (value.asText().length() > MAX_STRING_LENGTH) {
                    throw ScimException.invalidValue(where + " is longer than " + MAX_STRING_LENGTH + " characters");
                }
                if (value.asText().indexOf('\0') >= 0) {
                    // PostgreSQL text can't hold NUL: refuse it here, on every store alike
                    throw ScimException.invalidValue(where + " contains a NUL character");
                }
                return value;
            }
        }
    }

    private void requireAttributes(ObjectNode out) {
        for (AttributeDef def : resource.core().attributes()) {
            if (def.required()) {
                JsonNode v = out.get(def.name());
                if (v == null || (v.isTextual() && v.asText().isBlank())) {
                    throw ScimException.invalidValue("Attribute '" + def.name() + "' is required");
                }
            }
        }
    }

    /** Checks required attributes after a PATCH changed a stored document. */
    public void requireAttributesAfterPatch(ObjectNode doc) {
        requireAttributes(doc);
    }
}
