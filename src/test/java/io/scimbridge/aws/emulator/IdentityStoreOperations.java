package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.emulator.IdentityCenterState;
import io.scimbridge.identitycenter.emulator.StoredGroup;
import io.scimbridge.identitycenter.emulator.StoredUser;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The read operations of the Identity Store API the bridge uses for reconciliation (API reference:
 * ListUsers, ListGroups, ListGroupMemberships, GetUserId, GetGroupId, DescribeUser, DescribeGroup),
 * over the same store the SCIM emulator writes.
 */
final class IdentityStoreOperations {

    // API reference: IdentityStoreId pattern.
    private static final Pattern STORE_ID = Pattern.compile(
            "d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final IdentityCenterState state;

    IdentityStoreOperations(IdentityCenterState state) {
        this.state = state;
    }

    ObjectNode invoke(String operation, ObjectNode input) {
        requireStore(input);
        return switch (operation) {
            case "ListUsers" -> listUsers(input);
            case "ListGroups" -> listGroups(input);
            case "ListGroupMemberships" -> listGroupMemberships(input);
            case "GetUserId" -> getUserId(input);
            case "GetGroupId" -> getGroupId(input);
            case "DescribeUser" -> describeUser(input);
            case "DescribeGroup" -> describeGroup(input);
            default -> throw AwsError.of("UnknownOperationException", 400, "operation not emulated: " + operation);
        };
    }

    private ObjectNode listUsers(ObjectNode input) {
        // Filters is deprecated (use GetUserId) but still accepted on UserName.
        List<StoredUser> users = state.users().stream()
                .filter(u -> matchesFilters(input, "UserName", u.userName()))
                .toList();
        return page("ListUsers", "Users", users, input, u -> IdentityStoreShapes.user(u, storeId()));
    }

    private ObjectNode listGroups(ObjectNode input) {
        List<StoredGroup> groups = state.groups().stream()
                .filter(g -> matchesFilters(input, "DisplayName", g.displayName()))
                .toList();
        return page("ListGroups", "Groups", groups, input, g -> IdentityStoreShapes.group(g, storeId()));
    }

    private ObjectNode listGroupMemberships(ObjectNode input) {
        String groupId = requiredText(input, "GroupId");
        if (state.group(groupId).isEmpty()) {
            throw AwsError.notFound("GROUP", groupId, "Group not found");
        }
        return page("ListGroupMemberships", "GroupMemberships", state.memberships(groupId), input,
                m -> IdentityStoreShapes.membership(m, storeId()));
    }

    private ObjectNode getUserId(ObjectNode input) {
        JsonNode alternate = alternateIdentifier(input);
        Optional<StoredUser> user;
        if (alternate.has("UniqueAttribute")) {
            JsonNode unique = alternate.get("UniqueAttribute");
            String path = requiredText(unique, "AttributePath");
            String value = documentString(unique);
            // API reference: for users the only valid paths are userName and emails.value.
            if (path.equalsIgnoreCase("userName")) {
                user = state.userByUserName(value);
            } else if (path.equalsIgnoreCase("emails.value")) {
                user = state.users().stream()
                        .filter(u -> u.email().filter(value::equalsIgnoreCase).isPresent())
                        .findFirst();
            } else {
                throw AwsError.validation("AttributePath must be userName or emails.value");
            }
        } else {
            String externalId = externalId(alternate.get("ExternalId"));
            user = state.users().stream().filter(u -> externalId.equals(u.externalId())).findFirst();
        }
        StoredUser found = user.orElseThrow(() -> AwsError.notFound("USER", null, "USER not found."));
        ObjectNode out = Json.object();
        out.put("UserId", found.id());
        out.put("IdentityStoreId", storeId());
        return out;
    }

    private ObjectNode getGroupId(ObjectNode input) {
        JsonNode alternate = alternateIdentifier(input);
        Optional<StoredGroup> group;
        if (alternate.has("UniqueAttribute")) {
            JsonNode unique = alternate.get("UniqueAttribute");
            if (!requiredText(unique, "AttributePath").equalsIgnoreCase("displayName")) {
                throw AwsError.validation("AttributePath must be displayName");
            }
            group = state.groupByDisplayName(documentString(unique));
        } else {
            String externalId = externalId(alternate.get("ExternalId"));
            group = state.groups().stream().filter(g -> externalId.equals(g.externalId())).findFirst();
        }
        StoredGroup found = group.orElseThrow(() -> AwsError.notFound("GROUP", null, "GROUP not found."));
        ObjectNode out = Json.object();
        out.put("GroupId", found.id());
        out.put("IdentityStoreId", storeId());
        return out;
    }

    private ObjectNode describeUser(ObjectNode input) {
        String userId = requiredText(input, "UserId");
        StoredUser user = state.user(userId).orElseThrow(() -> AwsError.notFound("USER", userId, "USER not found."));
        return IdentityStoreShapes.user(user, storeId());
    }

    private ObjectNode describeGroup(ObjectNode input) {
        String groupId = requiredText(input, "GroupId");
        StoredGroup group = state.group(groupId).orElseThrow(() -> AwsError.notFound("GROUP", groupId, "GROUP not found."));
        return IdentityStoreShapes.group(group, storeId());
    }

    private <T> ObjectNode page(String operation, String listName, List<T> all, JsonNode input,
                                Function<T, ObjectNode> shape) {
        Pagination.Page<T> page = Pagination.page(operation, all, input);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray(listName);
        page.items().forEach(item -> items.add(shape.apply(item)));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    private static boolean matchesFilters(JsonNode input, String supportedPath, String actual) {
        JsonNode filters = input.get("Filters");
        if (filters == null || filters.isNull() || filters.isEmpty()) {
            return true;
        }
        for (JsonNode filter : filters) {
            if (!filter.path("AttributePath").asText().equalsIgnoreCase(supportedPath)) {
                throw AwsError.validation("Filters supports only " + supportedPath);
            }
            if (!filter.path("AttributeValue").asText().equalsIgnoreCase(actual)) {
                return false;
            }
        }
        return true;
    }

    private void requireStore(JsonNode input) {
        String id = requiredText(input, "IdentityStoreId");
        if (!STORE_ID.matcher(id).matches()) {
            throw AwsError.validation("IdentityStoreId does not match the required pattern");
        }
        if (!id.equals(storeId())) {
            throw AwsError.notFound("IDENTITY_STORE", id, "IDENTITY_STORE not found.");
        }
    }

    /** A union: exactly one of ExternalId and UniqueAttribute. */
    private static JsonNode alternateIdentifier(JsonNode input) {
        JsonNode alternate = input.get("AlternateIdentifier");
        if (alternate == null || !alternate.isObject()
                || alternate.has("ExternalId") == alternate.has("UniqueAttribute")) {
            throw AwsError.validation("AlternateIdentifier needs exactly one of ExternalId and UniqueAttribute");
        }
        return alternate;
    }

    private static String externalId(JsonNode externalId) {
        String issuer = requiredText(externalId, "Issuer");
        String id = requiredText(externalId, "Id");
        return issuer.equals(IdentityStoreShapes.SCIM_ISSUER) ? id : "\u0000no match for issuer " + issuer;
    }

    /** AttributeValue is a Document; the SDK sends a JSON string for Document.fromString. */
    private static String documentString(JsonNode unique) {
        JsonNode value = unique.get("AttributeValue");
        if (value == null || !value.isTextual()) {
            throw AwsError.validation("AttributeValue must be a string");
        }
        return value.asText();
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw AwsError.validation(field + " is required");
        }
        return value.asText();
    }

    private String storeId() {
        return state.identityStoreId();
    }
}
