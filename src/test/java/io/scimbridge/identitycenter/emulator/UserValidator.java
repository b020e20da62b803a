package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Identity Center's rules for a user resource (developer guide: CreateUser, PutUser, PatchUser,
 * Limitations; the shared doc identity-center-scim.md for the userName character and reserved-name
 * rules). Produces the attributes to store: canonical attribute names, JSON nulls dropped, and the
 * read-only id/meta/schemas removed.
 *
 * <p>Unknown attributes are refused (AWS answers "violates schema"), which keeps the bridge honest
 * about the dialect it sends.
 */
final class UserValidator {

    /** CREATE and REPLACE enforce the primary-email rule; PATCHED (the result of a PATCH) does not. */
    enum Mode { CREATE, REPLACE, PATCHED }

    static final String ENTERPRISE = StoredUser.ENTERPRISE;
    static final int MAX_USER_NAME = 128;

    static final List<String> SINGLE_STRINGS = List.of("externalId", "userName", "displayName", "nickName",
            "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone");
    static final List<String> NAME_PARTS = List.of("formatted", "familyName", "givenName", "middleName",
            "honorificPrefix", "honorificSuffix");
    static final Map<String, List<String>> MULTI_VALUED = Map.of(
            "emails", List.of("value", "type", "primary"),
            "phoneNumbers", List.of("value", "type", "primary"),
            "addresses", List.of("formatted", "streetAddress", "locality", "region", "postalCode", "country",
                    "type", "primary"),
            "roles", List.of("value", "type", "primary"));
    static final List<String> UNSUPPORTED = List.of("password", "ims", "photos", "x509Certificates",
            "entitlements", "groups");
    static final List<String> ENTERPRISE_PARTS = List.of("employeeNumber", "costCenter", "organization",
            "division", "department", "manager");
    private static final List<String> READ_ONLY = List.of("schemas", "id", "meta");
    private static final Set<String> RESERVED_USER_NAMES = Set.of("administrator", "awsadministrators");
    private static final String FORBIDDEN_CHARS = "<>;:%";

    private final Predicate<String> userExists;

    UserValidator(Predicate<String> userExists) {
        this.userExists = userExists;
    }

    ObjectNode normalize(ObjectNode body, Mode mode) {
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull() || Json.canonical(key, READ_ONLY) != null) {
                continue;
            }
            if (key.equalsIgnoreCase(ENTERPRISE)) {
                ObjectNode enterprise = enterprise(value);
                if (!enterprise.isEmpty()) {
                    out.set(ENTERPRISE, enterprise);
                }
                continue;
            }
            String unsupported = Json.canonical(key, UNSUPPORTED);
            if (unsupported != null) {
                throw ScimError.invalid("attribute '" + unsupported + "' is not supported");
            }
            String single = Json.canonical(key, SINGLE_STRINGS);
            String multi = Json.canonical(key, List.copyOf(MULTI_VALUED.keySet()));
            if (single != null) {
                out.put(single, text(single, value));
            } else if (key.equalsIgnoreCase("active")) {
                out.put("active", bool("active", value));
            } else if (key.equalsIgnoreCase("name")) {
                out.set("name", name(value));
            } else if (multi != null) {
                ArrayNode values = multiValued(multi, value);
                if (!values.isEmpty()) {
                    out.set(multi, values);
                }
            } else {
                throw ScimError.invalid("unknown attribute '" + key + "'");
            }
        }
        requireText(out, "userName");
        requireText(out, "displayName");
        requireText(out.path("name"), "givenName", "name.givenName");
        requireText(out.path("name"), "familyName", "name.familyName");
        checkUserName(out.get("userName").asText());
        if (mode != Mode.PATCHED && out.has("emails") && !out.get("emails").get(0).path("primary").asBoolean(false)) {
            throw ScimError.invalid("the email must be marked primary");
        }
        return out;
    }

    private static void checkUserName(String userName) {
        if (userName.length() > MAX_USER_NAME) {
            throw ScimError.invalid("userName is longer than 128 characters");
        }
        if (RESERVED_USER_NAMES.contains(Json.lower(userName))) {
            throw ScimError.invalid("userName '" + userName + "' is reserved");
        }
        for (char c : FORBIDDEN_CHARS.toCharArray()) {
            if (userName.indexOf(c) >= 0) {
                throw ScimError.invalid("userName contains the forbidden character '" + c + "'");
            }
        }
    }

    private static ObjectNode name(JsonNode value) {
        if (!value.isObject()) {
            throw ScimError.invalid("name must be an object");
        }
        ObjectNode out = Json.object();
        value.fields().forEachRemaining(part -> {
            String canonical = Json.canonical(part.getKey(), NAME_PARTS);
            if (canonical == null) {
                throw ScimError.invalid("unknown sub-attribute name." + part.getKey());
            }
            if (!part.getValue().isNull()) {
                out.put(canonical, text("name." + canonical, part.getValue()));
            }
        });
        return out;
    }

    private static ArrayNode multiValued(String attribute, JsonNode value) {
        if (!value.isArray()) {
            throw ScimError.invalid(attribute + " must be an array");
        }
        if (value.size() > 1) {
            throw ScimError.singleItem(attribute);
        }
        List<String> allowed = MULTI_VALUED.get(attribute);
        ArrayNode out = Json.array();
        for (JsonNode element : value) {
            if (!element.isObject()) {
                throw ScimError.invalid(attribute + " values must be objects");
            }
            ObjectNode normalized = Json.object();
            element.fields().forEachRemaining(sub -> {
                if (sub.getKey().equalsIgnoreCase("display")) {
                    throw ScimError.invalid("the display sub-attribute of " + attribute + " is not supported");
                }
                String canonical = Json.canonical(sub.getKey(), allowed);
                if (canonical == null) {
                    throw ScimError.invalid("unknown sub-attribute " + attribute + "." + sub.getKey());
                }
                if (sub.getValue().isNull()) {
                    return;
                }
                if (canonical.equals("primary")) {
                    normalized.put("primary", bool(attribute + ".primary", sub.getValue()));
                } else {
                    normalized.put(canonical, text(attribute + "." + canonical, sub.getValue()));
                }
            });
            out.add(normalized);
        }
        return out;
    }

    private ObjectNode enterprise(JsonNode value) {
        if (!value.isObject()) {
            throw ScimError.invalid("the enterprise extension must be an object");
        }
        ObjectNode out = Json.object();
        value.fields().forEachRemaining(part -> {
            String canonical = Json.canonical(part.getKey(), ENTERPRISE_PARTS);
            if (canonical == null) {
                throw ScimError.invalid("unsupported enterprise attribute '" + part.getKey() + "'");
            }
            if (part.getValue().isNull()) {
                return;
            }
            if (canonical.equals("manager")) {
                out.set("manager", manager(part.getValue()));
            } else {
                out.put(canonical, text(canonical, part.getValue()));
            }
        });
        return out;
    }

    /** manager.value must be the id of a user of this identity store; manager.displayName is not supported. */
    private ObjectNode manager(JsonNode value) {
        ObjectNode manager = Json.object();
        if (value.isTextual()) {
            manager.put("value", value.asText()); // Entra sends the bare id in PATCH
        } else if (value.isObject()) {
            value.fields().forEachRemaining(part -> {
                if (part.getKey().equalsIgnoreCase("displayName")) {
                    throw ScimError.invalid("manager.displayName is not supported");
                }
                String canonical = Json.canonical(part.getKey(), List.of("value", "$ref"));
                if (canonical == null) {
                    throw ScimError.invalid("unknown sub-attribute manager." + part.getKey());
                }
                manager.put(canonical, text("manager." + canonical, part.getValue()));
            });
        } else {
            throw ScimError.invalid("manager must be an object");
        }
        String id = manager.path("value").asText("");
        if (!userExists.test(id)) {
            throw ScimError.invalid("manager '" + id + "' is not a user of this identity store");
        }
        return manager;
    }

    private static String text(String attribute, JsonNode value) {
        if (!value.isTextual()) {
            throw ScimError.invalid(attribute + " must be a string");
        }
        return value.asText();
    }

    /** Booleans; Entra's "True"/"False" strings are accepted as well. */
    private static boolean bool(String attribute, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText().toLowerCase());
        }
        throw ScimError.invalid(attribute + " must be a boolean");
    }

    private static void requireText(JsonNode node, String field) {
        requireText(node, field, field);
    }

    private static void requireText(JsonNode node, String field, String label) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ScimError.invalid(label + " is required");
        }
    }

}
