package io.scimbridge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;

/**
 * A check every resource must pass before it is stored, beyond the SCIM schema: lets a
 * downstream refuse, at the bridge and with a clear reason, a value it would refuse later
 * (Identity Center's userName rules). Throws a {@code ScimException} to refuse.
 */
public interface SourceStateGuard {

    void check(ResourceType type, ObjectNode document);
}
