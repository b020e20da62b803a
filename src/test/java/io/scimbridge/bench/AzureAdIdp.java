package io.scimbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The requests Azure AD sends during a provisioning cycle (shared/docs/idp-clients.md), over {@link ScimHttp}. */
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

    private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String ADSCIM_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final ScimHttp http;

    AzureAdIdp(ScimHttp http) {
        this.http = http;
    }

    /** GET /Users?filter=userName eq "x": the id found, "" when the ListResponse is empty, null on failure. */
    String userExists(String userName) {
        JsonNode r = http.send(LOOKUP, "GET", "/scim/v2/Users?filter=" + enc("userName eq \"" + userName + "\""), null);
        return firstId(r);
    }

    String groupExists(String displayName) {
        JsonNode r = http.send(GROUP_LOOKUP, "GET", "/scim/v2/Groups?excludedAttributes=members&filter="
                + enc("displayName eq \"" + displayName + "\""), null);
        return firstId(r);
    }

    /** POST /Users as Azure AD shapes it; the new id, or null on failure. */
    String createUser(String userName, String displayName, int n) {
        String body = "{\"schemas\":[\"" + CORE_USER + "\",\"" + ENTERPRISE + "\"],\"externalId\":\"ext-" + userName
                + "\",\"userName\":\"" + userName + "\",\"active\":true,\"displayName\":\"" + displayName
                + "\",\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"" + userName + "\"}],"
                + "\"meta\":{\"resourceType\":\"User\"},\"name\":{\"formatted\":\"" + displayName + "\",\"familyName\":\"User"
                + n + "\",\"givenName\":\"Bench\"},\"roles\":[],\"title\":\"Engineer\",\"" + ENTERPRISE
                + "\":{\"department\":\"Bench\",\"employeeNumber\":\"" + n + "\"}}";
        return id(http.send(CREATE_USER, "POST", "/scim/v2/Users", body));
    }

    boolean getUser(String id) {
        return http.send(GET_USER, "GET", "/scim/v2/Users/" + id, null) != null;
    }

    /** A path-less replace with dotted keys, as Azure AD sends profile changes. */
    boolean patchUser(String id, String displayName) {
        String body = "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"Replace\",\"value\":{\"displayName\":\""
                + displayName + "\",\"name.givenName\":\"Patched\"}}]}";
        return http.send(PATCH_USER, "PATCH", "/scim/v2/Users/" + id, body) != null;
    }

    String createGroup(String displayName) {
        String body = "{\"schemas\":[\"" + CORE_GROUP + "\",\"" + ADSCIM_GROUP + "\"],\"externalId\":\"ext-" + displayName
                + "\",\"displayName\":\"" + displayName + "\",\"meta\":{\"resourceType\":\"Group\"}}";
        return id(http.send(CREATE_GROUP, "POST", "/scim/v2/Groups", body));
    }

    /** {"op":"Add","path":"members","value":[{"$ref":null,"value":"id"}, ...]}. */
    boolean addMembers(String groupId, List<String> userIds) {
        StringBuilder b = new StringBuilder("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"Add\",\"path\":\"members\",\"value\":[");
        for (int i = 0; i < userIds.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"$ref\":null,\"value\":\"").append(userIds.get(i)).append("\"}");
        }
        b.append("]}]}");
        return http.send(MEMBER_PATCH, "PATCH", "/scim/v2/Groups/" + groupId, b.toString()) != null;
    }

    /** {"op":"Remove","path":"members[value eq \"id\"]"}: how Azure AD removes one member. */
    boolean removeMember(String groupId, String userId) {
        String body = "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"Remove\",\"path\":"
                + "\"members[value eq \\\"" + userId + "\\\"]\"}]}";
        return http.send(MEMBER_REMOVE, "PATCH", "/scim/v2/Groups/" + groupId, body) != null;
    }

    /** Azure AD disables a user: a Replace of active with the string "False". */
    boolean deactivate(String id) {
        String body = "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\","
                + "\"value\":\"False\"}]}";
        return http.send(DEACTIVATE, "PATCH", "/scim/v2/Users/" + id, body) != null;
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
