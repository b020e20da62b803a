package io.scimbridge.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Test-only endpoint behind the filter on the SCIM side: echoes who the filter says is calling. */
@Path("/scim/v2/_authprobe")
public class ScimAuthProbeResource {

    private final Caller caller;

    ScimAuthProbeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> whoAmI() {
        return Map.of("source", caller.source(), "admin", caller.admin(), "tokenId", caller.tokenId());
    }
}
