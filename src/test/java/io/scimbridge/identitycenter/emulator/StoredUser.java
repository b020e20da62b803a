package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A user as Identity Center holds it: the validated SCIM attributes (canonical names, no id, meta or
 * schemas) plus the server-assigned id and timestamps. Immutable: the attributes are copied in and
 * out, so a test cannot change the emulator's state by editing what it read.
 */
public record StoredUser(String id, ObjectNode attributes, Instant created, Instant lastModified) {

    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public StoredUser {
        attributes = attributes.deepCopy();
    }

    @Override
    public ObjectNode attributes() {
        return attributes.deepCopy();
    }

    public String userName() {
        return text(attributes.get("userName"));
    }

    public String displayName() {
        return text(attributes.get("displayName"));
    }

    public String externalId() {
        return text(attributes.get("externalId"));
    }

    public String givenName() {
        return text(attributes.path("name").get("givenName"));
    }

    public String familyName() {
        return text(attributes.path("name").get("familyName"));
    }

    /** SCIM's default for an absent {@code active} is true. */
    public boolean active() {
        JsonNode active = attributes.get("active");
        return active == null || active.asBoolean(true);
    }

    public Optional<String> email() {
        return Optional.ofNullable(text(attributes.path("emails").path(0).get("value")));
    }

    public Optional<String> managerId() {
        return Optional.ofNullable(text(attributes.path(ENTERPRISE).path("manager").get("value")));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
