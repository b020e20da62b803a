package io.scimbridge.revocation;

import io.scimbridge.aws.emulator.OrganizationTree;
import io.scimbridge.aws.emulator.OrganizationsEmulator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The multi-account layout AWS recommends, seeded in the Organizations emulator: every member
 * account in an OU (Security: audit and log archive; Workloads: Prod with three accounts, Dev with
 * two), the management account alone in the root.
 *
 * @param accounts the member accounts
 * @param prod     the Prod OU's accounts
 * @param dev      the Dev OU's accounts
 */
record LandingZone(List<String> accounts, List<String> prod, List<String> dev) {

    static LandingZone seed(OrganizationTree tree) {
        String root = tree.rootId();
        String security = tree.seedOrganizationalUnit(root, "Security");
        String workloads = tree.seedOrganizationalUnit(root, "Workloads");
        String prodUnit = tree.seedOrganizationalUnit(workloads, "Prod");
        String devUnit = tree.seedOrganizationalUnit(workloads, "Dev");
        tree.seedAccount("100000000001", "audit", security);
        tree.seedAccount("100000000002", "log-archive", security);
        List<String> prod = List.of("200000000001", "200000000002", "200000000003");
        List<String> dev = List.of("300000000001", "300000000002");
        prod.forEach(id -> tree.seedAccount(id, "prod-" + id.substring(11), prodUnit));
        dev.forEach(id -> tree.seedAccount(id, "dev-" + id.substring(11), devUnit));
        return new LandingZone(List.of("100000000001", "100000000002", prod.get(0), prod.get(1), prod.get(2),
                dev.get(0), dev.get(1)), prod, dev);
    }

    /** The ids a bridge SCP denies in an account: attached to it, to its OUs or to the root (SCPs are inherited down). */
    static Set<String> deniedAbove(OrganizationsEmulator organizations, String account) {
        Set<String> denied = new HashSet<>();
        OrganizationTree tree = organizations.tree();
        String node = account;
        while (node != null) {
            organizations.policies().attachedTo(node).stream().filter(p -> ScpPacking.bridgeOwned(p.name()))
                    .forEach(p -> denied.addAll(DenyPolicy.ids(p.content())));
            String current = node;
            node = tree.account(current).map(OrganizationTree.Account::parentId)
                    .or(() -> tree.organizationalUnit(current).map(OrganizationTree.OrganizationalUnit::parentId))
                    .orElse(null);
        }
        return denied;
    }
}
