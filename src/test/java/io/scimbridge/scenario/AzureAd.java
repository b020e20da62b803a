package io.scimbridge.scenario;

import static io.scimbridge.scenario.Json.arr;
import static io.scimbridge.scenario.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The requests Azure AD (Entra ID) provisioning sends, body for body, as listed in
 * {@code shared/docs/idp-clients.md}: capitalised ops, "True"/"False" strings, dotted keys in a
 * path-less replace, value-filter paths, the bare manager id, both member-removal dialects.
 */
final class AzureAd {

    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ADSCIM_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String MANAGER_PATH = ENTERPRISE + ":manager";

    private AzureAd() {}

    /** Test Connection and the existence check before a create: GET /Users?filter=userName eq "upn". */
    static Map<String, String> userExistsQuery(String userPrincipalName) {
        return Map.of("filter", "userName eq \"" + userPrincipalName + "\"");
    }

    static Map<String, String> groupExistsQuery(String displayName) {
        return Map.of("excludedAttributes", "members", "filter", "displayName eq \"" + displayName + "\"");
    }

    /** POST /Users: core + enterprise schemas, meta.resourceType, and the empty roles Azure always sends. */
    static ObjectNode createUser(UserBuilder user) {
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
    static ObjectNode createGroup(String displayName, String externalId) {
        return obj("schemas", arr(CORE_GROUP, ADSCIM_GROUP), "externalId", externalId, "displayName", displayName,
                "meta", obj("resourceType", "Group"));
    }

    static ObjectNode patch(JsonNode... operations) {
        return obj("schemas", arr(PATCH_OP), "Operations", arr((Object[]) operations));
    }

    static ObjectNode op(String op, String path, Object value) {
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
    static ObjectNode addMembers(String... userIds) {
        ArrayNode members = arr();
        for (String id : userIds) {
            members.add(obj("$ref", null, "value", id));
        }
        return patch(op("Add", "members", members));
    }

    /** The old dialect: {"op":"Remove","path":"members","value":[{"value":"id"}]} removes THOSE members. */
    static ObjectNode removeMembersOldDialect(String... userIds) {
        ArrayNode members = arr();
        for (String id : userIds) {
            members.add(obj("value", id));
        }
        return patch(op("Remove", "members", members));
    }

    /** The aadOptscim062020 dialect: {"op":"remove","path":"members[value eq \"id\"]"}. */
    static ObjectNode removeMemberNewDialect(String userId) {
        return patch(op("remove", "members[value eq \"" + userId + "\"]", null));
    }

    /** Soft delete (and re-enable), old dialect: active as the string "False" / "True". */
    static ObjectNode replaceActiveAsString(boolean active) {
        return patch(op("Replace", "active", active ? "True" : "False"));
    }

    /** Several attributes in one path-less replace, with dotted keys for sub-attributes. */
    static ObjectNode replaceWithoutPath(ObjectNode dottedValues) {
        return patch(op("replace", null, dottedValues));
    }

    static ObjectNode replace(String path, Object value) {
        return patch(op("Replace", path, value));
    }

    static ObjectNode add(String path, Object value) {
        return patch(op("Add", path, value));
    }

    /** The manager as Azure sends it: the bare id of the manager's user, not an object. */
    static ObjectNode setManager(String managerId) {
        return patch(op("Add", MANAGER_PATH, managerId));
    }

    static ObjectNode removeManager() {
        return patch(op("Remove", MANAGER_PATH, null));
    }
}
