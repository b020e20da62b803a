package io.scimbridge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.api.ETags;
import io.scimbridge.api.ScimConfig;
import io.scimbridge.api.ScimRequestBody;
import io.scimbridge.api.ScimResponses;
import io.scimbridge.audit.AuditContext;
import io.scimbridge.auth.Caller;
import io.scimbridge.scim.schema.AttributeProjection;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP side of /Users and /Groups (RFC 7644 §3.2-3.6): parses requests, calls the
 * resource service for the caller's source, renders answers. One transaction per write, so
 * a failed request changes nothing; reads run outside a transaction, so that they never wait for
 * the store's single writer (SQLite in WAL mode gives each statement a consistent snapshot). Writes tell the {@link AuditContext} what they touched; the
 * audit entry itself is written once the outcome is known.
 */
@Transactional
public abstract class ScimResourceEndpoint {

    private final ResourceService service;
    private final ResourceRenderer renderer;
    private final ScimRequestBody body;
    private final ScimConfig config;
    private final Caller caller;
    private final AuditContext audit;

    protected ScimResourceEndpoint(ResourceService service, EndpointSupport support) {
        this.service = service;
        this.renderer = support.renderer();
        this.body = support.body();
        this.config = support.config();
        this.caller = support.caller();
        this.audit = support.audit();
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("sortBy") String sortBy,
                         @QueryParam("sortOrder") String sortOrder, @QueryParam("attributes") String attributes,
                         @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        return search(new ListRequest.Raw(filter, startIndex, count, sortBy, sortOrder, attributes, excludedAttributes), uri);
    }

    @POST
    @Transactional(Transactional.TxType.SUPPORTS)
    @Path(".search")
    public Response searchPost(InputStream in, @Context UriInfo uri) {
        return search(ListRequest.Raw.fromSearchBody(body.read(in)), uri);
    }

    private Response search(ListRequest.Raw raw, UriInfo uri) {
        ListRequest request = ListRequest.parse(raw, service.type().schema(), config);
        ResourceStore.Page page = service.list(caller.source(), request);
        List<ObjectNode> rendered = page.resources().stream()
                .map(e -> renderer.render(e, uri.getBaseUri(), request.projection())).toList();
        return ScimResponses.json(200, ScimResponses.listResponse(page.total(), request.startIndex(), rendered))
                .build();
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        AttributeProjection projection = ListRequest.projection(service.type().schema(), attributes, excludedAttributes);
        ResourceEntity e = service.read(caller.source(), id);
        return ScimResponses.ok(renderer.render(e, uri.getBaseUri(), projection), e.version);
    }

    @POST
    @Transactional(Transactional.TxType.SUPPORTS)
    public Response create(InputStream in, @QueryParam("attributes") String attributes,
                           @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        AttributeProjection projection = ListRequest.projection(service.type().schema(), attributes, excludedAttributes);
        JsonNode json = body.read(in);
        audit.requested(service.type(), json);
        ResourceEntity e = write(() -> service.create(caller.source(), json));
        touched(e);
        ObjectNode rendered = renderer.renderCreated(e, uri.getBaseUri(), projection);
        return ScimResponses.json(201, rendered).header("ETag", ETags.of(e.version))
                .header("Location", ResourceRenderer.location(uri.getBaseUri(), service.type(), e.id)).build();
    }

    @PUT
    @Transactional(Transactional.TxType.SUPPORTS)
    @Path("{id}")
    public Response replace(@PathParam("id") String id, InputStream in, @HeaderParam("If-Match") String ifMatch,
                            @QueryParam("attributes") String attributes,
                            @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        AttributeProjection projection = ListRequest.projection(service.type().schema(), attributes, excludedAttributes);
        JsonNode json = body.read(in);
        audit.requested(service.type(), json);
        ResourceEntity e = write(() -> service.replace(caller.source(), id, json, ifMatch));
        touched(e);
        return ScimResponses.ok(renderer.render(e, uri.getBaseUri(), projection), e.version);
    }

    @PATCH
    @Transactional(Transactional.TxType.SUPPORTS)
    @Path("{id}")
    public Response patch(@PathParam("id") String id, InputStream in, @HeaderParam("If-Match") String ifMatch,
                          @QueryParam("attributes") String attributes,
                          @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        AttributeProjection projection = ListRequest.projection(service.type().schema(), attributes, excludedAttributes);
        JsonNode json = body.read(in);
        audit.patchRequested(json);
        ResourceEntity e = write(() -> service.patch(caller.source(), id, json, ifMatch));
        touched(e);
        if (attributes == null && excludedAttributes == null && !returnsBodyOnPatch()) {
            return Response.noContent().header("ETag", ETags.of(e.version)).build();
        }
        return ScimResponses.ok(renderer.render(e, uri.getBaseUri(), projection), e.version);
    }

    /**
     * The write in a transaction of its own, committed and durable when this returns, so that the
     * answer is rendered after it: rendering is CPU (and for a user, a query for its groups) that
     * the store's one writer would otherwise wait for.
     */
    private static ResourceEntity write(Supplier<ResourceEntity> write) {
        return QuarkusTransaction.requiringNew().call(write::get);
    }

    private void touched(ResourceEntity e) {
        audit.touched(e.id, e.nameValue, e.externalId);
    }

    /**
     * Users answer a PATCH with the resource (RFC 7644 §3.5.2 allows both); groups with 204,
     * so that a member change on a 10,000-member group never renders its members.
     */
    protected abstract boolean returnsBodyOnPatch();

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        // read first: once deleted, the audit entry is the only place left that names the resource
        touched(service.get(caller.source(), id));
        service.delete(caller.source(), id, ifMatch);
        return Response.noContent().build();
    }

    /** What every endpoint needs besides its service, bundled to keep constructors short. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class EndpointSupport {
        private final ResourceRenderer renderer;
        private final ScimRequestBody body;
        private final ScimConfig config;
        private final Caller caller;
        private final AuditContext audit;

        public EndpointSupport(ResourceRenderer renderer, ScimRequestBody body, ScimConfig config, Caller caller,
                               AuditContext audit) {
            this.renderer = renderer;
            this.body = body;
            this.config = config;
            this.caller = caller;
            this.audit = audit;
        }

        ResourceRenderer renderer() { return renderer; }
        ScimRequestBody body() { return body; }
        ScimConfig config() { return config; }
        Caller caller() { return caller; }
        AuditContext audit() { return audit; }
    }
}
