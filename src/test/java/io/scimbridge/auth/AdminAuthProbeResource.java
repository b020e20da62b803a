package io.scimbridge.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Test-only endpoint behind the filter on the admin side. */
@Path("/admin/_authprobe")
public class AdminAuthProbeResource {

    private final Caller caller;

    AdminAuthProbeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> whoAmI() {
        return Map.of("admin", caller.admin(), "tokenId", caller.tokenId());
    }
}
