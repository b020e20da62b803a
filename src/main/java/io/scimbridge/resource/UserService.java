package io.scimbridge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.api.ScimConfig;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.patch.PatchOperation;
import io.scimbridge.scim.schema.ScimSchemas;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Users as the IdP sees them. {@code password} is write-only: accepted so that Okta's creates
 * succeed, then dropped; the bridge never stores it (Identity Center takes no passwords).
 */
@Singleton
class UserService extends ResourceService {

    public UserService(ResourceStore store, ScimConfig config) {
        super(store, config, ResourceType.USER);
    }

    @Override
    public ResourceEntity create(String source, JsonNode body) {
        ObjectNode doc = newDocument(body);
        requireUniqueName(source, doc.get("userName").asText(), null);
        return store.insert(ResourceType.USER, source, doc);
    }

    @Override
    public ResourceEntity replace(String source, String id, JsonNode body, String ifMatch) {
        ResourceEntity e = getForWrite(source, id, ifMatch);
        ObjectNode doc = replacementDocument(body, id);
        requireUniqueName(source, doc.get("userName").asText(), e.pk);
        store.update(e, doc);
        return e;
    }

    @Override
    public ResourceEntity patch(String source, String id, JsonNode body, String ifMatch) {
        ResourceEntity e = getForWrite(source, id, ifMatch);
        List<PatchOperation> ops = parsePatch(body);
        ObjectNode patched = patchEngine.apply(patchable(e), ops, ScimSchemas.USER_RESOURCE);
        ObjectNode doc = normalizer.normalize(patched);
        requireUniqueName(source, doc.get("userName").asText(), e.pk);
        store.update(e, doc);
        return e;
    }
}
