package io.scimbridge.bench;

import static io.scimbridge.testing.idp.ScimOverHttp.encode;
import static io.scimbridge.testing.idp.ScimOverHttp.filterPath;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.Json;
import io.scimbridge.testing.idp.UserBuilder;
import java.util.List;

/**
 * The requests Azure AD sends during a provisioning cycle (shared/docs/idp-clients.md), bodies from
 * {@link AzureAd}, sent over {@link ScimHttp} and timed under the operation names below.
 */
final class AzureAdIdp {

    static final String LOOKUP = "existence check";
    static final String CREATE_USER = "POST user";
    static final String GET_USER = "GET user";
    static final String PATCH_USER = "PATCH user";
    static final String GROUP_LOOKUP = "group existence check";
    static final String CREATE_GROUP = "POST group";
    static final String MEMBER_PATCH = "member PATCH";
    static final String MEMBER_REMOVE = "member remove";
    static final String DEACTIVATE = "deactivate";
    static final String DELETE_USER = "DELETE user";

    private final ScimHttp http;

    AzureAdIdp(ScimHttp http) {
        this.http = http;
    }

    /** GET /Users?filter=userName eq "x": the id found, "" when the ListResponse is empty, null on failure. */
    String userExists(String userName) {
        return firstId(http.send(LOOKUP, "GET", filterPath("/scim/v2/Users", "userName", userName), null));
    }

    String groupExists(String displayName) {
        JsonNode r = http.send(GROUP_LOOKUP, "GET", "/scim/v2/Groups?excludedAttributes=members&filter="
                + encode("displayName eq \"" + displayName + "\""), null);
        return firstId(r);
    }

    /** POST /Users as Azure AD shapes it; the new id, or null on failure. */
    String createUser(String userName, String displayName, int n) {
        UserBuilder user = UserBuilder.user(userName).externalId("ext-" + userName).active(true).name("Bench", "User" + n)
                .displayName(displayName).workEmail(userName).title("Engineer").department("Bench")
                .employeeNumber(Integer.toString(n));
        return id(http.send(CREATE_USER, "POST", "/scim/v2/Users", Json.write(AzureAd.createUser(user))));
    }

    boolean getUser(String id) {
        return http.send(GET_USER, "GET", "/scim/v2/Users/" + id, null) != null;
    }

    /** A path-less replace with dotted keys, as Azure AD sends profile changes. */
    boolean patchUser(String id, String displayName) {
        String body = Json.write(AzureAd.patch(AzureAd.op("Replace", null,
                Json.obj("displayName", displayName, "name.givenName", "Patched"))));
        return http.send(PATCH_USER, "PATCH", "/scim/v2/Users/" + id, body) != null;
    }

    String createGroup(String displayName) {
        String body = Json.write(AzureAd.createGroup(displayName, "ext-" + displayName));
        return id(http.send(CREATE_GROUP, "POST", "/scim/v2/Groups", body));
    }

    /** {"op":"Add","path":"members","value":[{"$ref":null,"value":"id"}, ...]}. */
    boolean addMembers(String groupId, List<String> userIds) {
        String body = Json.write(AzureAd.addMembers(userIds.toArray(String[]::new)));
        return http.send(MEMBER_PATCH, "PATCH", "/scim/v2/Groups/" + groupId, body) != null;
    }

    /** {"op":"Remove","path":"members[value eq \"id\"]"}: how Azure AD removes one member. */
    boolean removeMember(String groupId, String userId) {
        String body = Json.write(AzureAd.patch(AzureAd.op("Remove", "members[value eq \"" + userId + "\"]", null)));
        return http.send(MEMBER_REMOVE, "PATCH", "/scim/v2/Groups/" + groupId, body) != null;
    }

    /** Azure AD disables a user: a Replace of active with the string "False". */
    boolean deactivate(String id) {
        return http.send(DEACTIVATE, "PATCH", "/scim/v2/Users/" + id, Json.write(AzureAd.replaceActiveAsString(false)))
                != null;
    }

    boolean deleteUser(String id) {
        return http.send(DELETE_USER, "DELETE", "/scim/v2/Users/" + id, null) != null;
    }

    private static String firstId(JsonNode listResponse) {
        if (listResponse == null) {
            return null;
        }
        JsonNode first = listResponse.path("Resources").path(0);
        return first.isMissingNode() ? "" : first.path("id").asText();
    }

    private static String id(JsonNode created) {
        return created == null || created.path("id").isMissingNode() ? null : created.path("id").asText();
    }
}
