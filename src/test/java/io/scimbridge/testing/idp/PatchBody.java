package io.scimbridge.testing.idp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * A SCIM PATCH request in the dialect of one IdP: Azure AD capitalises op names ("Replace") and
 * removes members with a value list; Okta writes ops in lower case and removes members one by
 * one with a value filter.
 */
public final class PatchBody {

    private final boolean azure;
    private final ArrayNode operations = Json.arr();

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
        operations.addObject().put("op", op("add")).put("path", path).set("value", Json.MAPPER.valueToTree(value));
        return this;
    }

    public PatchBody replace(String path, Object value) {
        operations.addObject().put("op", op("replace")).put("path", path).set("value", Json.MAPPER.valueToTree(value));
        return this;
    }

    /** A path-less replace: Azure's dotted keys ({"name.givenName": ...}), Okta's {"active": false}. */
    public PatchBody replace(ObjectNode value) {
        operations.addObject().put("op", op("replace")).set("value", value);
        return this;
    }

    /** The IdP disables the user: Okta's {"op":"replace","value":{"active":false}}, Azure's Replace of active with "False". */
    public PatchBody deactivate() {
        return azure ? replace("active", "False") : replace(Json.obj("active", false));
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
        return replace(Json.obj("id", id, "displayName", displayName));
    }

    public ObjectNode json() {
        return Json.obj("schemas", Json.arr(ScimUrns.PATCH_OP), "Operations", operations.deepCopy());
    }

    private String op(String name) {
        return azure ? Character.toUpperCase(name.charAt(0)) + name.substring(1) : name;
    }

    private static JsonNode memberValues(Collection<String> ids) {
        ArrayNode values = Json.arr();
        ids.forEach(id -> values.addObject().put("value", id));
        return values;
    }
}
