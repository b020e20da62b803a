package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * /Users: CreateUser, GetUser, PutUser, PatchUser, DeleteUser and ListUsers. Each write validates
 * first, then checks uniqueness and stores under the store's lock, so concurrent creates of one
 * userName yield exactly one 201 and 409s for the rest.
 */
final class UserHandler {

    static final String CORE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    // Supported combinations: developer guide, ListUsers constraints.
    private static final Set<String> ID_AND_MANAGER = Set.of("id", "manager");

    private final IdentityCenterState state;
    private final UserValidator validator;

    UserHandler(IdentityCenterState state) {
        this.state = state;
        this.validator = new UserValidator(id -> state.user(id).isPresent());
    }

    ScimResponse create(JsonNode body) {
        ObjectNode attributes = asObject(body);
        return state.atomically(() -> {
            ObjectNode user = validator.normalize(attributes, UserValidator.Mode.CREATE);
            if (state.userNameTaken(user.get("userName").asText(), null)) {
                throw ScimError.conflict("userName '" + user.get("userName").asText() + "' already exists");
            }
            return ScimResponse.created(render(state.insertUser(user)));
        });
    }

    ScimResponse get(String id) {
        return ScimResponse.ok(render(existing(id)));
    }

    ScimResponse replace(String id, JsonNode body) {
        ObjectNode attributes = asObject(body);
        return state.atomically(() -> {
            existing(id);
            ObjectNode user = validator.normalize(attributes, UserValidator.Mode.REPLACE);
            return ScimResponse.ok(render(store(id, user)));
        });
    }

    ScimResponse patch(String id, JsonNode body) {
        List<UserPatcher.Step> steps = UserPatcher.parse(body);
        return state.atomically(() -> {
            ObjectNode patched = UserPatcher.apply(existing(id).attributes(), steps);
            ObjectNode user = validator.normalize(patched, UserValidator.Mode.PATCHED);
            return ScimResponse.ok(render(store(id, user)));
        });
    }

    ScimResponse delete(String id) {
        if (!state.deleteUser(id)) {
            throw ScimError.notFound("no user " + id);
        }
        return ScimResponse.noContent();
    }

    ScimResponse list(Map<String, String> query) {
        Map<String, String> filter = ScimFilter.parse(query.get("filter"));
        List<ObjectNode> resources = matching(filter).map(UserHandler::render).toList();
        return ScimResponse.ok(ScimListing.page(query, resources));
    }

    private Stream<StoredUser> matching(Map<String, String> filter) {
        if (filter.isEmpty()) {
            return state.users().stream();
        }
        if (filter.size() == 1 && filter.containsKey("username")) {
            return state.userByUserName(filter.get("username")).stream();
        }
        if (filter.size() == 1 && filter.containsKey("externalid")) {
            return state.users().stream().filter(u -> filter.get("externalid").equals(u.externalId()));
        }
        if (filter.size() == 1 && filter.containsKey("id")) {
            return state.user(filter.get("id")).stream();
        }
        if (filter.size() == 1 && filter.containsKey("groups.value")) {
            String groupId = filter.get("groups.value");
            return state.users().stream().filter(u -> state.isMember(groupId, u.id()));
        }
        if (filter.keySet().equals(ID_AND_MANAGER)) {
            return state.user(filter.get("id")).stream()
                    .filter(u -> u.managerId().filter(filter.get("manager")::equals).isPresent());
        }
        throw ScimError.invalid("unsupported filter on " + filter.keySet()
                + " (userName, externalId, id, groups.value, id and manager)");
    }

    private StoredUser store(String id, ObjectNode user) {
        String userName = user.get("userName").asText();
        if (state.userNameTaken(userName, id)) {
            throw ScimError.conflict("userName '" + userName + "' already exists");
        }
        return state.updateUser(id, user);
    }

    private StoredUser existing(String id) {
        return state.user(id).orElseThrow(() -> ScimError.notFound("no user " + id));
    }

    private static ObjectNode asObject(JsonNode body) {
        if (!body.isObject()) {
            throw ScimError.invalid("request body is not a JSON object");
        }
        return (ObjectNode) body;
    }

    /** The resource as AWS returns it: schemas, id, externalId, meta, then the attributes. */
    static ObjectNode render(StoredUser user) {
        ObjectNode attributes = user.attributes();
        ObjectNode out = Json.object();
        var schemas = out.putArray("schemas").add(CORE_SCHEMA);
        if (attributes.has(StoredUser.ENTERPRISE)) {
            schemas.add(StoredUser.ENTERPRISE);
        }
        out.put("id", user.id());
        if (attributes.has("externalId")) {
            out.set("externalId", attributes.remove("externalId"));
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.created().toString());
        meta.put("lastModified", user.lastModified().toString());
        if (!attributes.has("active")) {
            attributes.put("active", true);
        }
        out.setAll(attributes);
        return out;
    }
}
