package io.scimbridge.testing.idp;

import static io.scimbridge.testing.idp.Json.arr;
import static io.scimbridge.testing.idp.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/**
 * The requests Okta's SCIM 2.0 client sends, as listed in {@code shared/docs/idp-clients.md}:
 * paged existence checks, creates with a password, path-less replaces for deactivation and for
 * the {id, displayName} echo that comes with every membership change.
 */
public final class Okta {

    public static final String USER_AGENT = "Okta SCIM Client 1.0.0";
    public static final String CORE_USER = ScimUrns.CORE_USER;
    public static final String CORE_GROUP = ScimUrns.CORE_GROUP;
    public static final String PATCH_OP = ScimUrns.PATCH_OP;

    private Okta() {}

    /** A fresh Okta user id ("00u" and 17 more characters), what Okta sends as externalId. */
    public static String newUserId() {
        return "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
    }

    /** GET /Users?filter=userName eq "login"&startIndex=1&count=100. */
    public static Map<String, Object> userExistsQuery(String login) {
        return Map.of("filter", "userName eq \"" + login + "\"", "startIndex", 1, "count", 100);
    }

    /** One page of an import: startIndex 1, 101, 201, ... */
    public static Map<String, Object> importPage(int startIndex) {
        return Map.of("startIndex", startIndex, "count", 100);
    }

    /** POST /Users: with a password (write-only), locale, the Okta id as externalId and groups: []. */
    public static ObjectNode createUser(UserBuilder user, String oktaId, String password) {
        ObjectNode body = obj("schemas", arr(CORE_USER));
        body.setAll(user.core());
        body.put("externalId", oktaId);
        body.put("password", password);
        body.set("groups", arr());
        return body;
    }

    /** POST /Groups as group push creates it: a name and no members. */
    public static ObjectNode pushGroup(String displayName) {
        return obj("schemas", arr(CORE_GROUP), "displayName", displayName, "members", arr());
    }

    public static ObjectNode patch(JsonNode... operations) {
        return obj("schemas", arr(PATCH_OP), "Operations", arr((Object[]) operations));
    }

    /** {"op":"replace","value":{"active":false}}: how Okta deactivates (it never DELETEs users). */
    public static ObjectNode deactivate() {
        return patch(obj("op", "replace", "value", obj("active", false)));
    }

    /** The {id, displayName} echo Okta sends with every membership update. */
    public static ObjectNode renameEcho(String groupId, String displayName) {
        return obj("op", "replace", "value", obj("id", groupId, "displayName", displayName));
    }

    /** {"op":"add","path":"members","value":[{"value":"id","display":"login"}]}. */
    public static ObjectNode addMember(String userId, String login) {
        return obj("op", "add", "path", "members", "value", arr(obj("value", userId, "display", login)));
    }

    public static ObjectNode removeMember(String userId) {
        return obj("op", "remove", "path", "members[value eq \"" + userId + "\"]");
    }

    /** {"op":"replace","path":"members","value":[...]}: the full member list. */
    public static ObjectNode replaceMembers(Map<String, String> loginsById) {
        ArrayNode members = arr();
        loginsById.forEach((id, login) -> members.add(obj("value", id, "display", login)));
        return obj("op", "replace", "path", "members", "value", members);
    }
}
