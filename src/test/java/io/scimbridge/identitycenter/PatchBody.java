package io.scimbridge.identitycenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.Collection;
import java.util.List;

/**
 * A SCIM PATCH request in the dialect of one IdP: Azure AD capitalises op names ("Replace") and
 * removes members with a value list; Okta writes ops in lower case and removes members one by
 * one with a value filter.
 */
public final class PatchBody {

    private final boolean azure;
    private final ArrayNode operations = UserBody.JSON.createArrayNode();

    private PatchBody(boolean azure) {
        this.azure = azure;
    }

    public static PatchBody azure() {
        return new PatchBody(true);
    }

    public static PatchBody okta() {
        return new PatchBody(false);
    }

    public PatchBody add(String path, Object value) {
        operations.addObject().put("op", op("add")).put("path", path).set("value", UserBody.JSON.valueToTree(value));
        return this;
    }

    public PatchBody replace(String path, Object value) {
        operations.addObject().put("op", op("replace")).put("path", path).set("value", UserBody.JSON.valueToTree(value));
        return this;
    }

    /** A path-less replace: Azure's dotted keys ({"name.givenName": ...}), Okta's {"active": false}. */
    public PatchBody replace(ObjectNode value) {
        operations.addObject().put("op", op("replace")).set("value", value);
        return this;
    }

    public PatchBody remove(String path) {
        operations.addObject().put("op", op("remove")).put("path", path);
        return this;
    }

    public PatchBody addMembers(Collection<String> ids) {
        operations.addObject().put("op", op("add")).put("path", "members").set("value", memberValues(ids));
        return this;
    }

    public PatchBody addMembers(String... ids) {
        return addMembers(List.of(ids));
    }

    /** Azure's old form: remove THOSE members, listed in the value. Okta: one filtered remove per id. */
    public PatchBody removeMembers(String... ids) {
        if (azure) {
            operations.addObject().put("op", op("remove")).put("path", "members").set("value", memberValues(List.of(ids)));
        } else {
            for (String id : ids) {
                remove("members[value eq \"" + id + "\"]");
            }
        }
        return this;
    }

    /** Okta's occasional full replace of the member list. */
    public PatchBody replaceMembers(Collection<String> ids) {
        operations.addObject().put("op", op("replace")).put("path", "members").set("value", memberValues(ids));
        return this;
    }

    /** Okta's {"op":"replace","value":{"id":...,"displayName":...}}, sent with every membership update. */
    public PatchBody restateGroup(String id, String displayName) {
        ObjectNode value = UserBody.JSON.createObjectNode().put("id", id).put("displayName", displayName);
        return replace(value);
    }

    public ObjectNode json() {
        ObjectNode body = UserBody.JSON.createObjectNode();
        body.putArray("schemas").add(ScimSchemas.PATCH_OP);
        body.set("Operations", operations.deepCopy());
        return body;
    }

    private String op(String name) {
        return azure ? Character.toUpperCase(name.charAt(0)) + name.substring(1) : name;
    }

    private static JsonNode memberValues(Collection<String> ids) {
        ArrayNode values = UserBody.JSON.createArrayNode();
        ids.forEach(id -> values.addObject().put("value", id));
        return values;
    }
}
