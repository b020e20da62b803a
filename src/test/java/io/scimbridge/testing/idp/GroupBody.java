package io.scimbridge.testing.idp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A group as Azure AD or Okta creates it (both start with no members, then PATCH them in). */
public final class GroupBody {

    private final ObjectNode json;

    private GroupBody(ObjectNode json) {
        this.json = json;
    }

    /** Azure AD's create: its extra Microsoft schema URN, an externalId, no members. */
    public static GroupBody azure(String displayName) {
        ObjectNode json = AzureAd.createGroup(displayName, UUID.randomUUID().toString());
        json.putArray("members");
        return new GroupBody(json);
    }

    /** Okta's group push: displayName and an empty member list. */
    public static GroupBody okta(String displayName) {
        return new GroupBody(Okta.pushGroup(displayName));
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
