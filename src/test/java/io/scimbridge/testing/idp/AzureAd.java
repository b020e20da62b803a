package io.scimbridge.testing.idp;

import static io.scimbridge.testing.idp.Json.arr;
import static io.scimbridge.testing.idp.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The requests Azure AD (Entra ID) provisioning sends, body for body, as listed in
 * {@code shared/docs/idp-clients.md}: capitalised ops, "True"/"False" strings, dotted keys in a
 * path-less replace, value-filter paths, the bare manager id, both member-removal dialects.
 */
public final class AzureAd {

    public static final String USER_AGENT = "Azure AD SCIM Client";
    public static final String CORE_USER = ScimUrns.CORE_USER;
    public static final String ENTERPRISE = ScimUrns.ENTERPRISE_USER;
    public static final String CORE_GROUP = ScimUrns.CORE_GROUP;
    public static final String ADSCIM_GROUP = ScimUrns.ADSCIM_GROUP;
    public static final String PATCH_OP = ScimUrns.PATCH_OP;
    public static final String MANAGER_PATH = ENTERPRISE + ":manager";

    private AzureAd() {}

    /** Test Connection and the existence check before a create: GET /Users?filter=userName eq "upn". */
    public static Map<String, String> userExistsQuery(String userPrincipalName) {
        return Map.of("filter", "userName eq \"" + userPrincipalName + "\"");
    }

    public static Map<String, String> groupExistsQuery(String displayName) {
        return Map.of("excludedAttributes", "members", "filter", "displayName eq \"" + displayName + "\"");
    }

    /** POST /Users: core + enterprise schemas, meta.resourceType, and the empty roles Azure always sends. */
    public static ObjectNode createUser(UserBuilder user) {
        ObjectNode body = obj("schemas", arr(CORE_USER, ENTERPRISE));
        body.setAll(user.core());
        body.set("meta", obj("resourceType", "User"));
        body.set("roles", arr());
        ObjectNode enterprise = user.enterprise();
        if (!enterprise.isEmpty()) {
            body.set(ENTERPRISE, enterprise);
        }
        return body;
    }

    /** POST /Groups: with Microsoft's ADSCIM schema URN and no members (added by PATCH later). */
    public static ObjectNode createGroup(String displayName, String externalId) {
        return obj("schemas", arr(CORE_GROUP, ADSCIM_GROUP), "externalId", externalId, "displayName", displayName,
                "meta", obj("resourceType", "Group"));
    }

    public static ObjectNode patch(JsonNode... operations) {
        return obj("schemas", arr(PATCH_OP), "Operations", arr((Object[]) operations));
    }

    public static ObjectNode op(String op, String path, Object value) {
        ObjectNode o = obj("op", op);
        if (path != null) {
            o.put("path", path);
        }
        if (value != null) {
            o.set("value", Json.node(value));
        }
        return o;
    }

    /** {"op":"Add","path":"members","value":[{"$ref":null,"value":"id"}, ...]}. */
    public static ObjectNode addMembers(String... userIds) {
        ArrayNode members = arr();
        for (String id : userIds) {
            members.add(obj("$ref", null, "value", id));
        }
        return patch(op("Add", "members", members));
    }

    /** The old dialect: {"op":"Remove","path":"members","value":[{"value":"id"}]} removes THOSE members. */
    public static ObjectNode removeMembersOldDialect(String... userIds) {
        ArrayNode members = arr();
        for (String id : userIds) {
            members.add(obj("value", id));
        }
        return patch(op("Remove", "members", members));
    }

    /** The aadOptscim062020 dialect: {"op":"remove","path":"members[value eq \"id\"]"}. */
    public static ObjectNode removeMemberNewDialect(String userId) {
        return patch(op("remove", "members[value eq \"" + userId + "\"]", null));
    }

    /** Soft delete (and re-enable), old dialect: active as the string "False" / "True". */
    public static ObjectNode replaceActiveAsString(boolean active) {
        return patch(op("Replace", "active", active ? "True" : "False"));
    }

    /** Several attributes in one path-less replace, with dotted keys for sub-attributes. */
    public static ObjectNode replaceWithoutPath(ObjectNode dottedValues) {
        return patch(op("replace", null, dottedValues));
    }

    public static ObjectNode replace(String path, Object value) {
        return patch(op("Replace", path, value));
    }

    public static ObjectNode add(String path, Object value) {
        return patch(op("Add", path, value));
    }

    /** The manager as Azure sends it: the bare id of the manager's user, not an object. */
    public static ObjectNode setManager(String managerId) {
        return patch(op("Add", MANAGER_PATH, managerId));
    }

    public static ObjectNode removeManager() {
        return patch(op("Remove", MANAGER_PATH, null));
    }
}
