package io.scimbridge.resource;

import jakarta.ws.rs.Path;

/** /scim/v2/Users. */
@Path("/scim/v2/Users")
public class UserEndpoint extends ScimResourceEndpoint {

    public UserEndpoint(UserService service, EndpointSupport support) {
        super(service, support);
    }

    @Override
    protected boolean returnsBodyOnPatch() {
        return true;
    }
}
