package io.scimbridge.api;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Test-only endpoint under /scim/v2, blocking and reading its body as a stream like the SCIM
 * endpoints: says whether the body had been read ahead on the event loop, and how many bytes the
 * stream gave.
 */
@Path("/scim/v2/_bodyprobe")
@Produces(MediaType.APPLICATION_JSON)
public class BodyProbeResource {

    @POST
    public Map<String, Object> probe(InputStream in, @Context RoutingContext context) throws IOException {
        boolean readAhead = context.body().buffer() != null;
        return Map.of("readAhead", readAhead, "bytes", in.readAllBytes().length);
    }
}
