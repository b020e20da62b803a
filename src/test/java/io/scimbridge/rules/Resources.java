package io.scimbridge.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.schema.ScimSchemas;

/**
 * Builders of source documents in the canonical form the store keeps (no id, meta, schemas,
 * members or groups; enterprise attributes under their URN), as rules see them.
 */
final class Resources {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Resources() {}

    static UserDoc user(String userName) {
        return new UserDoc(userName);
    }

    static GroupDoc group(String displayName) {
        return new GroupDoc(displayName);
    }

    static final class UserDoc {
        private final ObjectNode doc = JSON.objectNode();

        private UserDoc(String userName) {
            doc.put("userName", userName).put("active", true);
        }

        UserDoc name(String given, String family) {
            doc.putObject("name").put("givenName", given).put("familyName", family);
            return this;
        }

        UserDoc middleName(String middle) {
            ((ObjectNode) doc.get("name")).put("middleName", middle);
            return this;
        }

        UserDoc displayName(String displayName) {
            doc.put("displayName", displayName);
            return this;
        }

        UserDoc title(String title) {
            doc.put("title", title);
            return this;
        }

        UserDoc workEmail(String email) {
            return email("work", email, true);
        }

        UserDoc email(String type, String email, boolean primary) {
            if (!doc.has("emails")) {
                doc.putArray("emails");
            }
            doc.withArray("emails").addObject().put("value", email).put("type", type).put("primary", primary);
            return this;
        }

        UserDoc phone(String type, String number) {
            if (!doc.has("phoneNumbers")) {
                doc.putArray("phoneNumbers");
            }
            doc.withArray("phoneNumbers").addObject().put("value", number).put("type", type);
            return this;
        }

        UserDoc department(String department) {
            return enterprise("department", department);
        }

        UserDoc costCenter(String costCenter) {
            return enterprise("costCenter", costCenter);
        }

        UserDoc enterprise(String attribute, String value) {
            ObjectNode ext = doc.has(ScimSchemas.ENTERPRISE_USER)
                    ? (ObjectNode) doc.get(ScimSchemas.ENTERPRISE_USER) : doc.putObject(ScimSchemas.ENTERPRISE_USER);
            ext.put(attribute, value);
            return this;
        }

        UserDoc inactive() {
            doc.put("active", false);
            return this;
        }

        ObjectNode build() {
            return doc.deepCopy();
        }
    }

    static final class GroupDoc {
        private final ObjectNode doc = JSON.objectNode();

        private GroupDoc(String displayName) {
            doc.put("displayName", displayName);
        }

        GroupDoc externalId(String externalId) {
            doc.put("externalId", externalId);
            return this;
        }

        ObjectNode build() {
            return doc.deepCopy();
        }
    }
}
