package io.scimbridge.identitycenter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A group as Azure AD or Okta creates it (both start with no members, then PATCH them in). */
public final class GroupBody {

    static final String AZURE_GROUP_URN = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

    private final ObjectNode json;

    private GroupBody(ObjectNode json) {
        this.json = json;
    }

    /** Azure AD's create: its extra Microsoft schema URN, an externalId, no members. */
    public static GroupBody azure(String displayName) {
        ObjectNode json = UserBody.JSON.createObjectNode();
        json.putArray("schemas").add(ScimSchemas.GROUP).add(AZURE_GROUP_URN);
        json.put("externalId", UUID.randomUUID().toString());
        json.put("displayName", displayName);
        json.putArray("members");
        json.putObject("meta").put("resourceType", "Group");
        return new GroupBody(json);
    }

    /** Okta's group push: displayName and an empty member list. */
    public static GroupBody okta(String displayName) {
        ObjectNode json = UserBody.JSON.createObjectNode();
        json.putArray("schemas").add(ScimSchemas.GROUP);
        json.put("displayName", displayName);
        json.putArray("members");
        return new GroupBody(json);
    }

    public GroupBody members(Collection<String> memberIds) {
        var members = json.putArray("members");
        memberIds.forEach(id -> members.addObject().put("value", id));
        return this;
    }

    public GroupBody members(String... memberIds) {
        return members(List.of(memberIds));
    }

    public String displayName() {
        return json.path("displayName").asText();
    }

    public ObjectNode json() {
        return json.deepCopy();
    }
}
