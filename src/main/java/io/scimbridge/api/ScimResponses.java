package io.scimbridge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimErrorBody;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.ScimMediaType;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.List;
import jakarta.ws.rs.core.Response;

/**
 * Builds every SCIM response: JSON serialised here so the content type is always
 * {@code application/scim+json}, whatever the client's Accept header negotiated.
 */
public final class ScimResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScimResponses() {}

    public static Response.ResponseBuilder json(int status, Object body) {
        try {
            return Response.status(status).type(ScimMediaType.SCIM_JSON).entity(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response error(ScimException e) {
        Response.ResponseBuilder b = json(e.status(), ScimErrorBody.of(e));
        if (e.status() == 401) {
            b.header("WWW-Authenticate", "Bearer realm=\"scim-bridge\"");
        }
        return b.build();
    }

    public static Response ok(JsonNode body, long version) {
        return json(200, body).header("ETag", ETags.of(version)).build();
    }

    /** The SCIM ListResponse envelope (RFC 7644 §3.4.2) around one page of resources. */
    public static ObjectNode listResponse(long total, int startIndex, List<ObjectNode> resources) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        out.put("totalResults", total);
        out.put("startIndex", startIndex);
        out.put("itemsPerPage", resources.size());
        ArrayNode array = out.putArray("Resources");
        resources.forEach(array::add);
        return out;
    }
}
