package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.emulator.Membership;
import io.scimbridge.identitycenter.emulator.StoredGroup;
import io.scimbridge.identitycenter.emulator.StoredUser;
import java.time.Instant;
import java.util.Map;

/**
 * How the SCIM state looks through the Identity Store API (member names of the identitystore
 * 2.40.2 model: User, Group, GroupMembership). Timestamps are epoch seconds, as AWS JSON 1.1 sends
 * them.
 */
final class IdentityStoreShapes {

    /**
     * Issuer of the ExternalIds entry holding a SCIM externalId. An assumption: AWS does not document
     * the issuer it records for SCIM-provisioned resources.
     */
    static final String SCIM_ISSUER = "scim";

    private static final Map<String, String> NAME_PARTS = Map.of("formatted", "Formatted", "familyName", "FamilyName",
            "givenName", "GivenName", "middleName", "MiddleName", "honorificPrefix", "HonorificPrefix",
            "honorificSuffix", "HonorificSuffix");
    private static final Map<String, String> SIMPLE = Map.of("displayName", "DisplayName", "nickName", "NickName",
            "profileUrl", "ProfileUrl", "userType", "UserType", "title", "Title",
            "preferredLanguage", "PreferredLanguage", "locale", "Locale", "timezone", "Timezone");
    private static final Map<String, String> ADDRESS_PARTS = Map.of("streetAddress", "StreetAddress",
            "locality", "Locality", "region", "Region", "postalCode", "PostalCode", "country", "Country",
            "formatted", "Formatted", "type", "Type", "primary", "Primary");
    private static final Map<String, String> VALUE_PARTS = Map.of("value", "Value", "type", "Type", "primary", "Primary");

    private IdentityStoreShapes() {
    }

    static ObjectNode user(StoredUser user, String identityStoreId) {
        JsonNode scim = user.attributes();
        ObjectNode out = Json.object();
        out.put("IdentityStoreId", identityStoreId);
        out.put("UserId", user.id());
        out.put("UserName", user.userName());
        externalIds(out, user.externalId());
        if (scim.has("name")) {
            out.set("Name", rename(scim.get("name"), NAME_PARTS));
        }
        SIMPLE.forEach((scimName, awsName) -> {
            if (scim.has(scimName)) {
                out.put(awsName, scim.get(scimName).asText());
            }
        });
        list(out, "Emails", scim.get("emails"), VALUE_PARTS);
        list(out, "Addresses", scim.get("addresses"), ADDRESS_PARTS);
        list(out, "PhoneNumbers", scim.get("phoneNumbers"), VALUE_PARTS);
        out.put("UserStatus", user.active() ? "ENABLED" : "DISABLED");
        timestamps(out, user.created(), user.lastModified());
        return out;
    }

    static ObjectNode group(StoredGroup group, String identityStoreId) {
        ObjectNode out = Json.object();
        out.put("GroupId", group.id());
        out.put("DisplayName", group.displayName());
        externalIds(out, group.externalId());
        out.put("IdentityStoreId", identityStoreId);
        timestamps(out, group.created(), group.lastModified());
        return out;
    }

    static ObjectNode membership(Membership membership, String identityStoreId) {
        ObjectNode out = Json.object();
        out.put("IdentityStoreId", identityStoreId);
        out.put("MembershipId", membership.membershipId());
        out.put("GroupId", membership.groupId());
        out.putObject("MemberId").put("UserId", membership.userId());
        out.put("CreatedAt", epochSeconds(membership.created()));
        return out;
    }

    private static void externalIds(ObjectNode out, String externalId) {
        if (externalId != null) {
            out.putArray("ExternalIds").addObject().put("Issuer", SCIM_ISSUER).put("Id", externalId);
        }
    }

    private static void list(ObjectNode out, String awsName, JsonNode scimValues, Map<String, String> parts) {
        if (scimValues == null || !scimValues.isArray() || scimValues.isEmpty()) {
            return;
        }
        ArrayNode array = out.putArray(awsName);
        scimValues.forEach(v -> array.add(rename(v, parts)));
    }

    private static ObjectNode rename(JsonNode scim, Map<String, String> parts) {
        ObjectNode out = Json.object();
        parts.forEach((scimName, awsName) -> {
            if (scim.has(scimName)) {
                out.set(awsName, scim.get(scimName));
            }
        });
        return out;
    }

    private static void timestamps(ObjectNode out, Instant created, Instant updated) {
        out.put("CreatedAt", epochSeconds(created));
        out.put("UpdatedAt", epochSeconds(updated));
    }

    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000d;
    }
}
