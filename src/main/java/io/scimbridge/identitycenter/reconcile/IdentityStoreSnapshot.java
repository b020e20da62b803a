package io.scimbridge.identitycenter.reconcile;

import java.util.Map;
import java.util.Set;

/**
 * What Identity Center holds, read through the Identity Store API: users and groups by their
 * Identity Center id, with the attributes the bridge compares, and each group's member ids.
 */
record IdentityStoreSnapshot(Map<String, IcUser> users, Map<String, IcGroup> groups) {

    record IcUser(String id, String userName, String displayName, String givenName, String familyName,
                  String primaryEmail) {}

    record IcGroup(String id, String displayName, Set<String> memberIds) {}
}
