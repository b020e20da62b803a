package io.scimbridge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.api.ETags;
import io.scimbridge.api.ScimConfig;
import io.scimbridge.scim.patch.PatchEngine;
import io.scimbridge.scim.patch.PatchOperation;
import io.scimbridge.scim.patch.PatchRequestParser;
import io.scimbridge.scim.schema.ResourceNormalizer;
import java.util.List;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;

/**
 * The operations a SCIM endpoint offers on one resource type. Reads and deletes are the same
 * for users and groups and live here; creates and writes are each type's own.
 */
abstract class ResourceService {

    protected final ResourceStore store;
    protected final ScimConfig config;
    protected final ResourceNormalizer normalizer;
    private final ResourceType type;
    protected final PatchEngine patchEngine = new PatchEngine();

    protected ResourceService(ResourceStore store, ScimConfig config, ResourceType type) {
        this.store = store;
        this.config = config;
        this.type = type;
        this.normalizer = new ResourceNormalizer(type.schema());
    }

    public final ResourceType type() {
        return type;
    }

    public abstract ResourceEntity create(String source, JsonNode body);

    public abstract ResourceEntity replace(String source, String id, JsonNode body, String ifMatch);

    public abstract ResourceEntity patch(String source, String id, JsonNode body, String ifMatch);

    /** Another source's ids answer 404 like unknown ones: sources never see each other. */
    public ResourceEntity get(String source, String id) {
        // An id with NUL names nothing (ids are UUIDs), and PostgreSQL would refuse to look it up.
        return (id.indexOf('\0') >= 0 ? java.util.Optional.<ResourceEntity>empty() : store.find(type(), source, id))
                .orElseThrow(() -> ScimException.notFound(type().wireName() + " " + id + " not found"));
    }

    /** {@link #get}, for an answer only: the resource is not managed, so it must not be changed. */
    public ResourceEntity read(String source, String id) {
        return (id.indexOf('\0') >= 0 ? java.util.Optional.<ResourceEntity>empty() : store.read(type(), source, id))
                .orElseThrow(() -> ScimException.notFound(type().wireName() + " " + id + " not found"));
    }

    public void delete(String source, String id, String ifMatch) {
        store.delete(getForWrite(source, id, ifMatch));
    }

    public ResourceStore.Page list(String source, ListRequest request) {
        return store.list(type(), source, request.filter(), request.sort(), request.startIndex(), request.count());
    }

    /** The resource a write targets, after the If-Match check (412 when it changed meanwhile). */
    protected ResourceEntity getForWrite(String source, String id, String ifMatch) {
        ResourceEntity e = get(source, id);
        ETags.checkIfMatch(ifMatch, e.version);
        return e;
    }

    protected List<PatchOperation> parsePatch(JsonNode body) {
        return PatchRequestParser.parse(body, new PatchRequestParser.Limits(config.maxPatchOperations()));
    }

    /**
     * The stored document with id and externalId put back, as PATCH operations see the resource
     * (Okta's replace carries the id; Azure AD may patch externalId).
     */
    protected ObjectNode patchable(ResourceEntity e) {
        ObjectNode current = store.document(e);
        current.put("id", e.id);
        if (e.externalId != null) {
            current.put("externalId", e.externalId);
        }
        return current;
    }

    protected void requireUniqueName(String source, String name, Long exceptPk) {
        if (store.nameTaken(type(), source, name, exceptPk)) {
            throw ScimException.uniqueness("A " + type().wireName() + " with " + type().nameAttribute()
                    + " '" + name + "' already exists");
        }
    }

    /** A POST body as it will be stored: the core schema required, then normalised. */
    protected ObjectNode newDocument(JsonNode body) {
        normalizer.requireCoreSchema(body);
        return normalizer.normalize(body);
    }

    /** A PUT body as it will be stored: its id, if any, must be the resource's own. */
    protected ObjectNode replacementDocument(JsonNode body, String id) {
        requireSameId(body, id);
        return newDocument(body);
    }

    /** The id in a PUT body, when present, must be the resource's own. */
    private static void requireSameId(JsonNode body, String id) {
        JsonNode bodyId = body.get("id");
        if (bodyId != null && !bodyId.isNull() && !bodyId.asText().equals(id)) {
            throw ScimException.mutability("id is read-only: the body names " + bodyId.asText() + ", the URL " + id);
        }
    }
}
