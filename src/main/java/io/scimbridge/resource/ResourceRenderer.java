package io.scimbridge.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.api.ETags;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.schema.AttributeProjection;
import io.scimbridge.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders a stored resource as the IdP sees it: schemas, id, externalId, the document,
 * memberships (only when the projection wants them: large groups are never loaded for nothing),
 * and meta with location and version.
 */
@ApplicationScoped
class ResourceRenderer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ResourceStore store;

    public ResourceRenderer(ResourceStore store) {
        this.store = store;
    }

    public ObjectNode render(ResourceEntity e, URI baseUri, AttributeProjection projection) {
        return render(e, baseUri, projection, true);
    }

    /**
     * A resource this very transaction created: a new user belongs to no group yet, so its groups
     * are not looked up (a query less while the POST holds the store's writer).
     */
    public ObjectNode renderCreated(ResourceEntity e, URI baseUri, AttributeProjection projection) {
        return render(e, baseUri, projection, false);
    }

    private ObjectNode render(ResourceEntity e, URI baseUri, AttributeProjection projection, boolean mayBeInGroups) {
        ResourceType type = e.type();
        ObjectNode doc = store.document(e);
        ObjectNode out = JSON.objectNode();
        ArrayNode schemas = out.putArray("schemas");
        AttributeIndexer.schemaUrns(type.schema(), doc).forEach(schemas::add);
        out.put("id", e.id);
        if (e.externalId != null) {
            out.put("externalId", e.externalId);
        }
        doc.remove("externalId");
        out.setAll(doc);
        if (type == ResourceType.GROUP && projection.includes("members")) {
            ArrayNode members = out.putArray("members");
            for (ResourceStore.MemberRef m : store.members(e.pk)) {
                members.addObject().put("value", m.id()).put("$ref", location(baseUri, ResourceType.fromWireName(m.type()), m.id()))
                        .put("display", m.display()).put("type", m.type());
            }
        }
        if (type == ResourceType.USER && mayBeInGroups && projection.includes("groups")) {
            List<ResourceStore.MemberRef> groups = store.groupsOf(e.pk);
            if (!groups.isEmpty()) {
                ArrayNode array = out.putArray("groups");
                for (ResourceStore.MemberRef g : groups) {
                    array.addObject().put("value", g.id()).put("$ref", location(baseUri, ResourceType.GROUP, g.id()))
                            .put("display", g.display()).put("type", "direct");
                }
            }
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", type.wireName());
        meta.put("created", DateTimeFormatter.ISO_INSTANT.format(e.created.toInstant()));
        meta.put("lastModified", DateTimeFormatter.ISO_INSTANT.format(e.lastModified.toInstant()));
        meta.put("location", location(baseUri, type, e.id));
        meta.put("version", ETags.of(e.version));
        return projection.apply(out);
    }

    public static String location(URI baseUri, ResourceType type, String id) {
        String base = baseUri.toString();
        if (!base.endsWith("/")) {
            base += "/";
        }
        return base + "scim/v2" + type.schema().endpoint() + "/" + id;
    }
}
