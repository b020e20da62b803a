package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * /Groups: CreateGroup, GetGroup, PatchGroup, DeleteGroup and ListGroups (developer guide). There
 * is no PutGroup at AWS. GET and list answer an empty member list, as AWS does; membership is
 * queried with {@code filter=id eq "g" and members eq "u"}. Members must be users (no nesting),
 * and one request may change at most 100 memberships.
 */
final class GroupHandler {

    static final String CORE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final int MAX_MEMBER_CHANGES = 100;
    private static final List<String> WRITABLE = List.of("displayName", "externalId", "members");
    private static final List<String> READ_ONLY = List.of("schemas", "id", "meta");
    private static final List<String> MEMBER_PARTS = List.of("value", "display", "$ref", "type");
    private static final Set<String> MEMBER_KEYS = Set.of("member", "members", "members.value");
    private static final Pattern MEMBER_FILTER_PATH = Pattern.compile(
            "members\\[\\s*value\\s+(?i:eq)\\s+\"([^\"]*)\"\\s*]", Pattern.CASE_INSENSITIVE);

    private final IdentityCenterState state;

    GroupHandler(IdentityCenterState state) {
        this.state = state;
    }

    ScimResponse create(JsonNode body) {
        if (!body.isObject()) {
            throw ScimError.invalid("request body is not a JSON object");
        }
        String displayName = null;
        String externalId = null;
        List<String> members = List.of();
        var fields = body.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isNull() || Json.canonical(field.getKey(), READ_ONLY) != null) {
                continue;
            }
            String attribute = Json.canonical(field.getKey(), WRITABLE);
            if (attribute == null) {
                throw ScimError.invalid("unknown group attribute '" + field.getKey() + "'");
            }
            switch (attribute) {
                case "displayName" -> displayName = displayName(field.getValue());
                case "externalId" -> externalId = text("externalId", field.getValue());
                default -> members = memberIds(field.getValue());
            }
        }
        if (displayName == null) {
            throw ScimError.invalid("displayName is required");
        }
        if (members.size() > MAX_MEMBER_CHANGES) {
            throw ScimError.invalid("more than 100 members in one request");
        }
        String name = displayName;
        String external = externalId;
        List<String> initial = members;
        return state.atomically(() -> {
            if (state.displayNameTaken(name, null)) {
                throw ScimError.conflict("group '" + name + "' already exists");
            }
            initial.forEach(this::requireUser);
            StoredGroup group = state.insertGroup(name, external);
            initial.forEach(userId -> state.addMember(group.id(), userId));
            return ScimResponse.created(render(group));
        });
    }

    ScimResponse get(String id) {
        return ScimResponse.ok(render(existing(id)));
    }

    ScimResponse patch(String id, JsonNode body) {
        Changes changes = new Changes();
        for (PatchRequest.Operation operation : PatchRequest.parse(body)) {
            if (operation.path() != null) {
                changes.apply(operation.op(), operation.path(), operation.value());
            } else if (operation.value().isObject()) {
                operation.value().fields().forEachRemaining(f -> changes.apply(operation.op(), f.getKey(), f.getValue()));
            } else {
                throw ScimError.invalid("a path-less " + operation.op() + " needs an object value");
            }
        }
        if (changes.requested > MAX_MEMBER_CHANGES) {
            throw ScimError.invalid("more than 100 membership changes in one request");
        }
        return state.atomically(() -> {
            StoredGroup group = existing(id);
            String displayName = changes.displayName != null ? changes.displayName : group.displayName();
            String externalId = changes.externalIdSet ? changes.externalId : group.externalId();
            if (state.displayNameTaken(displayName, id)) {
                throw ScimError.conflict("group '" + displayName + "' already exists");
            }
            changes.adds.forEach(this::requireUser);
            state.updateGroup(id, displayName, externalId);
            changes.adds.forEach(userId -> state.addMember(id, userId));
            changes.removes.forEach(userId -> state.removeMember(id, userId));
            return ScimResponse.noContent();
        });
    }

    ScimResponse delete(String id) {
        if (!state.deleteGroup(id)) {
            throw ScimError.notFound("no group " + id);
        }
        return ScimResponse.noContent();
    }

    ScimResponse list(Map<String, String> query) {
        Map<String, String> filter = ScimFilter.parse(query.get("filter"));
        List<ObjectNode> resources = matching(filter).map(GroupHandler::render).toList();
        return ScimResponse.ok(ScimListing.page(query, resources));
    }

    // Supported combinations: developer guide, ListGroups constraints (displayName, externalId,
    // members.value, id and member); a member that does not exist is a 404 there.
    private Stream<StoredGroup> matching(Map<String, String> filter) {
        String memberKey = filter.keySet().stream().filter(MEMBER_KEYS::contains).findFirst().orElse(null);
        if (filter.isEmpty()) {
            return state.groups().stream();
        }
        if (filter.size() == 1 && filter.containsKey("displayname")) {
            return state.groupByDisplayName(filter.get("displayname")).stream();
        }
        if (filter.size() == 1 && filter.containsKey("externalid")) {
            return state.groups().stream().filter(g -> filter.get("externalid").equals(g.externalId()));
        }
        if (filter.size() == 1 && filter.containsKey("id")) {
            return state.group(filter.get("id")).stream();
        }
        if (memberKey != null && (filter.size() == 1 || filter.size() == 2 && filter.containsKey("id"))) {
            String userId = filter.get(memberKey);
            if (state.user(userId).isEmpty()) {
                throw ScimError.notFound("member " + userId + " does not exist");
            }
            Stream<StoredGroup> candidates = filter.containsKey("id")
                    ? state.group(filter.get("id")).stream()
                    : state.groups().stream();
            return candidates.filter(g -> state.isMember(g.id(), userId));
        }
        throw ScimError.invalid("unsupported filter on " + filter.keySet()
                + " (displayName, externalId, id, members, id and members)");
    }

    private void requireUser(String memberId) {
        if (state.group(memberId).isPresent()) {
            throw ScimError.invalid("member " + memberId + " is a group: nested groups are not supported");
        }
        if (state.user(memberId).isEmpty() && state.unknownMemberNotFound()) {
            throw ScimError.notFound("member " + memberId + " does not exist");
        }
        if (state.user(memberId).isEmpty()) {
            throw ScimError.invalid("member " + memberId + " is not a user of this identity store");
        }
    }

    private StoredGroup existing(String id) {
        return state.group(id).orElseThrow(() -> ScimError.notFound("no group " + id));
    }

    /** AWS answers groups with an empty member list, whatever the membership. */
    static ObjectNode render(StoredGroup group) {
        ObjectNode out = Json.object();
        out.putArray("schemas").add(CORE_SCHEMA);
        out.put("id", group.id());
        if (group.externalId() != null) {
            out.put("externalId", group.externalId());
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.created().toString());
        meta.put("lastModified", group.lastModified().toString());
        out.put("displayName", group.displayName());
        out.putArray("members");
        return out;
    }

    private static String displayName(JsonNode value) {
        String name = text("displayName", value);
        if (name.isBlank()) {
            throw ScimError.invalid("displayName is required");
        }
        return name;
    }

    private static String text(String attribute, JsonNode value) {
        if (!value.isTextual()) {
            throw ScimError.invalid(attribute + " must be a string");
        }
        return value.asText();
    }

    /** Member ids from {@code [{"value": id}, ...]} (a single object is taken as a list of one). */
    private static List<String> memberIds(JsonNode value) {
        List<String> ids = new ArrayList<>();
        for (JsonNode member : value.isArray() ? value : Json.array().add(value)) {
            if (!member.isObject() || !member.path("value").isTextual()) {
                throw ScimError.invalid("a member must be an object with a string value");
            }
            member.fieldNames().forEachRemaining(name -> {
                if (Json.canonical(name, MEMBER_PARTS) == null) {
                    throw ScimError.invalid("unknown member sub-attribute '" + name + "'");
                }
            });
            ids.add(member.get("value").asText());
        }
        return ids;
    }

    /** What one PatchGroup request changes, validated operation by operation. */
    private static final class Changes {
        private String displayName;
        private String externalId;
        private boolean externalIdSet;
        /** Member values as sent, duplicates included: the 100 limit is on the request. */
        private int requested;
        private final Set<String> adds = new LinkedHashSet<>();
        private final Set<String> removes = new LinkedHashSet<>();

        void apply(String op, String path, JsonNode value) {
            Matcher memberFilter = MEMBER_FILTER_PATH.matcher(path.trim());
            if (memberFilter.matches()) {
                memberChange(op, List.of(memberFilter.group(1)));
                return;
            }
            String attribute = Json.canonical(path.trim(), WRITABLE);
            if (attribute == null) {
                throw ScimError.invalid("only displayName, members and externalId may be patched, not '" + path + "'");
            }
            switch (attribute) {
                case "displayName" -> {
                    if (op.equals("remove")) {
                        throw ScimError.invalid("displayName is required and cannot be removed");
                    }
                    displayName = displayName(value);
                }
                case "externalId" -> {
                    externalIdSet = true;
                    externalId = op.equals("remove") ? null : text("externalId", value);
                }
                default -> {
                    if (op.equals("replace")) {
                        throw ScimError.invalid("replacing all members is not supported");
                    }
                    if (value == null || value.isArray() && value.isEmpty()) {
                        throw ScimError.invalid("removing all members is not supported");
                    }
                    memberChange(op, memberIds(value));
                }
            }
        }

        private void memberChange(String op, List<String> ids) {
            if (op.equals("replace")) {
                throw ScimError.invalid("replacing members is not supported");
            }
            requested += ids.size();
            if (op.equals("add")) {
                adds.addAll(ids);
                ids.forEach(removes::remove);
            } else {
                removes.addAll(ids);
                ids.forEach(adds::remove);
            }
        }
    }
}
