package io.scimbridge.resource;

import jakarta.ws.rs.Path;

/** /scim/v2/Groups. */
@Path("/scim/v2/Groups")
public class GroupEndpoint extends ScimResourceEndpoint {

    public GroupEndpoint(GroupService service, EndpointSupport support) {
        super(service, support);
    }

    @Override
    protected boolean returnsBodyOnPatch() {
        return false;
    }
}
