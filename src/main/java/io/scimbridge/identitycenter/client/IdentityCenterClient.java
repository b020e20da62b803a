package io.scimbridge.identitycenter.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Identity Center's SCIM API as delivery needs it. Failures are {@link IdentityCenterException}s
 * that say whether trying again can help; a 404 on delete is success (already gone).
 */
public interface IdentityCenterClient {

    /** Creates a user and returns its Identity Center id; {@code conflict()} when the userName exists. */
    String createUser(ObjectNode user);

    void replaceUser(String icId, ObjectNode user);

    void deleteUser(String icId);

    Optional<String> findUserId(String userName);

    String createGroup(ObjectNode group);

    /** One PATCH request: the operations must respect the 100-member-changes limit. */
    void patchGroup(String icId, List<ObjectNode> operations);

    void deleteGroup(String icId);

    /**
     * Whether Identity Center holds this group (GET /Groups/{id}). A 404 to a group PATCH may mean
     * the group is gone or that a member id is unknown there: this tells the two apart.
     */
    boolean groupExists(String icId);

    Optional<String> findGroupId(String displayName);

    /** True when calls are recorded instead of sent. */
    boolean dryRun();
}
