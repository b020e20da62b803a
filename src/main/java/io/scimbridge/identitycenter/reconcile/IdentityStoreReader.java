package io.scimbridge.identitycenter.reconcile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.Email;
import software.amazon.awssdk.services.identitystore.model.Group;
import software.amazon.awssdk.services.identitystore.model.GroupMembership;
import software.amazon.awssdk.services.identitystore.model.User;

/** Reads a whole identity store through the AWS SDK's paginators (ListUsers, ListGroups, ListGroupMemberships). */
final class IdentityStoreReader {

    private final IdentitystoreClient client;
    private final String identityStoreId;

    IdentityStoreReader(IdentitystoreClient client, String identityStoreId) {
        this.client = client;
        this.identityStoreId = identityStoreId;
    }

    IdentityStoreSnapshot read() {
        Map<String, IdentityStoreSnapshot.IcUser> users = new HashMap<>();
        for (User u : client.listUsersPaginator(r -> r.identityStoreId(identityStoreId)).users()) {
            users.put(u.userId(), new IdentityStoreSnapshot.IcUser(u.userId(), u.userName(), u.displayName(),
                    u.name() == null ? null : u.name().givenName(), u.name() == null ? null : u.name().familyName(),
                    u.emails().stream().filter(e -> Boolean.TRUE.equals(e.primary())).map(Email::value).findFirst()
                            .orElse(u.emails().isEmpty() ? null : u.emails().get(0).value())));
        }
        Map<String, IdentityStoreSnapshot.IcGroup> groups = new HashMap<>();
        for (Group g : client.listGroupsPaginator(r -> r.identityStoreId(identityStoreId)).groups()) {
            Set<String> members = new HashSet<>();
            for (GroupMembership m : client.listGroupMembershipsPaginator(r -> r.identityStoreId(identityStoreId)
                    .groupId(g.groupId())).groupMemberships()) {
                if (m.memberId() != null && m.memberId().userId() != null) {
                    members.add(m.memberId().userId());
                }
            }
            groups.put(g.groupId(), new IdentityStoreSnapshot.IcGroup(g.groupId(), g.displayName(), members));
        }
        return new IdentityStoreSnapshot(users, groups);
    }
}
