package io.scimbridge.scenario;

import static io.scimbridge.scenario.Json.arr;
import static io.scimbridge.scenario.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The requests Okta's SCIM 2.0 client sends, as listed in {@code shared/docs/idp-clients.md}:
 * paged existence checks, creates with a password, path-less replaces for deactivation and for
 * the {id, displayName} echo that comes with every membership change.
 */
final class Okta {

    static final String USER_AGENT = "Okta SCIM Client 1.0.0";
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private Okta() {}

    /** GET /Users?filter=userName eq "login"&startIndex=1&count=100. */
    static Map<String, Object> userExistsQuery(String login) {
        return Map.of("filter", "userName eq \"" + login + "\"", "startIndex", 1, "count", 100);
    }

    /** One page of an import: startIndex 1, 101, 201, ... */
    static Map<String, Object> importPage(int startIndex) {
        return Map.of("startIndex", startIndex, "count", 100);
    }

    /** POST /Users: with a password (write-only), locale, the Okta id as externalId and groups: []. */
    static ObjectNode createUser(UserBuilder user, String oktaId, String password) {
        ObjectNode body = obj("schemas", arr(CORE_USER));
        body.setAll(user.core());
        body.put("externalId", oktaId);
        body.put("password", password);
        body.set("groups", arr());
        return body;
    }

    /** POST /Groups as group push creates it: a name and no members. */
    static ObjectNode pushGroup(String displayName) {
        return obj("schemas", arr(CORE_GROUP), "displayName", displayName, "members", arr());
    }

    static ObjectNode patch(JsonNode... operations) {
        return obj("schemas", arr(PATCH_OP), "Operations", arr((Object[]) operations));
    }

    /** {"op":"replace","value":{"active":false}}: how Okta deactivates (it never DELETEs users). */
    static ObjectNode deactivate() {
        return patch(obj("op", "replace", "value", obj("active", false)));
    }

    /** The {id, displayName} echo Okta sends with every membership update. */
    static ObjectNode renameEcho(String groupId, String displayName) {
        return obj("op", "replace", "value", obj("id", groupId, "displayName", displayName));
    }

    /** {"op":"add","path":"members","value":[{"value":"id","display":"login"}]}. */
    static ObjectNode addMember(String userId, String login) {
        return obj("op", "add", "path", "members", "value", arr(obj("value", userId, "display", login)));
    }

    static ObjectNode removeMember(String userId) {
        return obj("op", "remove", "path", "members[value eq \"" + userId + "\"]");
    }

    /** {"op":"replace","path":"members","value":[...]}: the full member list. */
    static ObjectNode replaceMembers(Map<String, String> loginsById) {
        ArrayNode members = arr();
        loginsById.forEach((id, login) -> members.add(obj("value", id, "display", login)));
        return obj("op", "replace", "path", "members", "value", members);
    }
}
