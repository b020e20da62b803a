package io.scimbridge.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Schema;
import io.scimbridge.scim.schema.ScimSchemas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * RFC 7644 §4 discovery: /ServiceProviderConfig, /ResourceTypes and /Schemas, rendered from the
 * same schema objects and limits the server enforces, so they cannot drift from the truth.
 */
@Path("/scim/v2")
public class DiscoveryEndpoint {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<ResourceSchema> RESOURCES = List.of(ScimSchemas.USER_RESOURCE, ScimSchemas.GROUP_RESOURCE);

    private final ScimConfig config;

    public DiscoveryEndpoint(ScimConfig config) {
        this.config = config;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig(@Context UriInfo uri) {
        ObjectNode out = JSON.objectNode();
        out.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        out.put("documentationUri", "https://github.com/scim-bridge/scim-bridge#readme");
        out.putObject("patch").put("supported", true);
        out.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        out.putObject("filter").put("supported", true).put("maxResults", config.maxResults());
        out.putObject("changePassword").put("supported", false);
        out.putObject("sort").put("supported", true);
        out.putObject("etag").put("supported", true);
        ArrayNode schemes = out.putArray("authenticationSchemes");
        schemes.addObject().put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "A JWT minted by the bridge for one source: "
                        + "java -jar quarkus-run.jar token mint --source NAME")
                .put("primary", true);
        meta(out, "ServiceProviderConfig", uri, "ServiceProviderConfig");
        return ScimResponses.json(200, out).build();
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes(@Context UriInfo uri) {
        List<ObjectNode> types = RESOURCES.stream().map(r -> resourceType(r, uri)).toList();
        return ScimResponses.json(200, ScimResponses.listResponse(types.size(), 1, types)).build();
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name, @Context UriInfo uri) {
        return RESOURCES.stream().filter(r -> r.name().equals(name)).findFirst()
                .map(r -> ScimResponses.json(200, resourceType(r, uri)).build())
                .orElseThrow(() -> ScimException.notFound("No resource type " + name));
    }

    @GET
    @Path("Schemas")
    public Response schemas(@Context UriInfo uri) {
        List<ObjectNode> schemas = ScimSchemas.all().stream().map(s -> schema(s, uri)).toList();
        return ScimResponses.json(200, ScimResponses.listResponse(schemas.size(), 1, schemas)).build();
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id, @Context UriInfo uri) {
        return ScimSchemas.all().stream().filter(s -> s.id().equals(id)).findFirst()
                .map(s -> ScimResponses.json(200, schema(s, uri)).build())
                .orElseThrow(() -> ScimException.notFound("No schema " + id));
    }

    private static ObjectNode resourceType(ResourceSchema r, UriInfo uri) {
        ObjectNode out = JSON.objectNode();
        out.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        out.put("id", r.name());
        out.put("name", r.name());
        out.put("endpoint", r.endpoint());
        out.put("description", r.core().description());
        out.put("schema", r.core().id());
        ArrayNode extensions = out.putArray("schemaExtensions");
        r.extensions().forEach(e -> extensions.addObject().put("schema", e.id()).put("required", false));
        meta(out, "ResourceType", uri, "ResourceTypes/" + r.name());
        return out;
    }

    private static ObjectNode schema(Schema s, UriInfo uri) {
        ObjectNode out = JSON.objectNode();
        out.putArray("schemas").add(ScimSchemas.SCHEMA);
        out.put("id", s.id());
        out.put("name", s.name());
        out.put("description", s.description());
        ArrayNode attributes = out.putArray("attributes");
        s.attributes().forEach(a -> attributes.add(attribute(a)));
        meta(out, "Schema", uri, "Schemas/" + s.id());
        return out;
    }

    private static ObjectNode attribute(AttributeDef a) {
        ObjectNode out = JSON.objectNode();
        out.put("name", a.name());
        out.put("type", a.type().wireName());
        out.put("multiValued", a.multiValued());
        out.put("description", a.description());
        out.put("required", a.required());
        if (!a.isComplex()) {
            out.put("caseExact", a.caseExact());
        }
        if (!a.canonicalValues().isEmpty()) {
            ArrayNode values = out.putArray("canonicalValues");
            a.canonicalValues().forEach(values::add);
        }
        if (!a.referenceTypes().isEmpty()) {
            ArrayNode values = out.putArray("referenceTypes");
            a.referenceTypes().forEach(values::add);
        }
        out.put("mutability", a.mutability().wireName());
        out.put("returned", a.returned().wireName());
        out.put("uniqueness", a.uniqueness().wireName());
        if (a.isComplex()) {
            ArrayNode subs = out.putArray("subAttributes");
            a.subAttributes().forEach(sub -> subs.add(attribute(sub)));
        }
        return out;
    }

    private static void meta(ObjectNode out, String resourceType, UriInfo uri, String relative) {
        String base = uri.getBaseUri().toString();
        out.putObject("meta").put("resourceType", resourceType)
                .put("location", (base.endsWith("/") ? base : base + "/") + "scim/v2/" + relative);
    }
}
