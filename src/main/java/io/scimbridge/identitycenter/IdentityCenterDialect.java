package io.scimbridge.identitycenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code translate}: the source state of a user or group rewritten into what Identity Center's
 * SCIM API accepts (see shared/docs/identity-center-scim.md). A pure function: the same source
 * always gives the same desired state, which is what makes delivery an idempotent diff.
 *
 * <ul>
 *   <li>one email (the primary, else the work one, else the first), marked primary;</li>
 *   <li>one phone number and one role, chosen the same way; one address, only when complete
 *       (Identity Center and Okta's AWS app want street, locality, region, postal code and
 *       country together), else none;</li>
 *   <li>givenName, familyName and displayName always present, derived when missing;</li>
 *   <li>attributes Identity Center refuses dropped: password, ims, photos, x509Certificates,
 *       entitlements, groups, every {@code display} sub-attribute, manager.displayName;</li>
 *   <li>enterprise manager rewritten to the manager's Identity Center id, or dropped until
 *       the manager exists there.</li>
 * </ul>
 */
public final class IdentityCenterDialect {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> SIMPLE_USER_ATTRIBUTES = List.of("userName", "externalId", "displayName",
            "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active");
    private static final List<String> ENTERPRISE_ATTRIBUTES = List.of("employeeNumber", "costCenter", "organization",
            "division", "department");
    private static final List<String> ADDRESS_PARTS = List.of("streetAddress", "locality", "region", "postalCode",
            "country");

    private final NameDerivation names;

    public IdentityCenterDialect(NameDerivation names) {
        this.names = names;
    }

    /**
     * @param source        the user's source state (canonical document)
     * @param managerIcId   maps the bridge id of a manager to its Identity Center id, if it has one
     */
    public ObjectNode user(ObjectNode source, Function<String, Optional<String>> managerIcId) {
        ObjectNode out = JSON.objectNode();
        ArrayNode schemas = out.putArray("schemas").add(ScimSchemas.USER);
        for (String attribute : SIMPLE_USER_ATTRIBUTES) {
            JsonNode v = source.get(attribute);
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty())) {
                out.set(attribute, v);
            }
        }
        if (!out.has("active")) {
            out.put("active", true);
        }
        ObjectNode name = JSON.objectNode();
        JsonNode sourceName = source.get("name");
        if (sourceName instanceof ObjectNode n) {
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    name.set(e.getKey(), e.getValue());
                }
            });
        }
        NameDerivation.Names derived = names.derive(source.path("userName").asText(),
                text(source, "displayName"), text(name, "givenName"), text(name, "familyName"));
        name.put("givenName", derived.givenName());
        name.put("familyName", derived.familyName());
        out.set("name", name);
        out.put("displayName", derived.displayName());
        one(source, "emails", List.of()).ifPresent(e -> out.putArray("emails").add(e.put("primary", true)));
        one(source, "phoneNumbers", List.of()).ifPresent(p -> out.putArray("phoneNumbers").add(p.put("primary", true)));
        one(source, "roles", List.of()).ifPresent(r -> out.putArray("roles").add(r.put("primary", true)));
        one(source, "addresses", ADDRESS_PARTS).ifPresent(a -> out.putArray("addresses").add(a.put("primary", true)));
        enterprise(source, managerIcId).ifPresent(ext -> {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
            out.set(ScimSchemas.ENTERPRISE_USER, ext);
        });
        return out;
    }

    /** A group as Identity Center takes it at creation: no members (they go in chunks). */
    public ObjectNode group(ObjectNode source) {
        ObjectNode out = JSON.objectNode();
        out.putArray("schemas").add(ScimSchemas.GROUP);
        out.put("displayName", source.path("displayName").asText());
        if (source.hasNonNull("externalId")) {
            out.put("externalId", source.get("externalId").asText());
        }
        return out;
    }

    /** The bridge id of the user's manager, if the source names one. */
    public static Optional<String> managerId(ObjectNode source) {
        JsonNode manager = source.path(ScimSchemas.ENTERPRISE_USER).path("manager").path("value");
        return manager.isTextual() && !manager.asText().isBlank() ? Optional.of(manager.asText()) : Optional.empty();
    }

    private static Optional<ObjectNode> enterprise(ObjectNode source, Function<String, Optional<String>> managerIcId) {
        JsonNode ext = source.get(ScimSchemas.ENTERPRISE_USER);
        if (!(ext instanceof ObjectNode e)) {
            return Optional.empty();
        }
        ObjectNode out = JSON.objectNode();
        for (String attribute : ENTERPRISE_ATTRIBUTES) {
            JsonNode v = e.get(attribute);
            if (v != null && v.isTextual() && !v.asText().isEmpty()) {
                out.set(attribute, v);
            }
        }
        managerId(source).flatMap(managerIcId).ifPresent(id -> out.putObject("manager").put("value", id));
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /**
     * One element of a multi-valued attribute: the primary, else type work, else the first; only
     * elements with all {@code requiredParts} (or a value, when none are named) qualify.
     * The display sub-attribute is dropped.
     */
    private static Optional<ObjectNode> one(ObjectNode source, String attribute, List<String> requiredParts) {
        JsonNode values = source.get(attribute);
        if (values == null || !values.isArray()) {
            return Optional.empty();
        }
        ObjectNode primary = null;
        ObjectNode work = null;
        ObjectNode first = null;
        for (JsonNode v : values) {
            if (!(v instanceof ObjectNode element) || !complete(element, requiredParts)) {
                continue;
            }
            if (first == null) {
                first = element;
            }
            if (work == null && "work".equalsIgnoreCase(element.path("type").asText())) {
                work = element;
            }
            if (primary == null && element.path("primary").asBoolean(false)) {
                primary = element;
            }
        }
        ObjectNode chosen = primary != null ? primary : work != null ? work : first;
        if (chosen == null) {
            return Optional.empty();
        }
        ObjectNode copy = chosen.deepCopy();
        copy.remove("display");
        copy.remove("primary");
        return Optional.of(copy);
    }

    private static boolean complete(ObjectNode element, List<String> requiredParts) {
        if (requiredParts.isEmpty()) {
            return element.path("value").isTextual() && !element.path("value").asText().isBlank();
        }
        return requiredParts.stream().allMatch(p -> element.path(p).isTextual() && !element.path(p).asText().isBlank());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }
}
