package io.scimbridge.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.Emulators;
import io.scimbridge.aws.emulator.OrganizationsEmulator;
import io.scimbridge.aws.emulator.SdkClients;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How many leavers one hold window can cover under AWS's real limits (5 SCPs of 5,120 characters
 * per root, OU or account; inline policies of 10,240 characters besides whitespace), against the
 * Organizations and SSO Admin emulators through the real SDK.
 */
@ExtendWith(Emulators.class)
class LeaverCapacityTest {

    private final OrganizationsEmulator organizations;
    private final SsoAdminEmulator sso;

    LeaverCapacityTest(OrganizationsEmulator organizations, SsoAdminEmulator sso) {
        this.organizations = organizations;
        this.sso = sso;
    }

    @Test
    void thirteenHundredLeaversInALandingZoneAreAllCoveredInScpsOnThreeLevelsAndTheRestInPermissionSets() {
        LandingZone zone = LandingZone.seed(organizations.tree());
        String admin = sso.seedPermissionSet("AdministratorAccess");
        String readOnly = sso.seedPermissionSet("ReadOnlyAccess");
        String group = "0123456789-" + UUID.randomUUID();
        sso.seedPrincipal("GROUP", group);
        zone.prod().forEach(account -> sso.seedAssignment(admin, account, "GROUP", group));
        zone.accounts().forEach(account -> sso.seedAssignment(readOnly, account, "GROUP", group));
        List<String> leavers = ScpRevokerTest.identityCenterIds(1300);

        Coverage.Result result = Coverage.inScps(new SdkScpGateway(SdkClients.organizations(organizations.url())),
                new Coverage.ScpPlacement(List.of(), true),
                new SdkPermissionSetGateway(SdkClients.ssoAdmin(sso.url()), Optional.empty()), leavers, Map.of());

        assertEquals(List.of(), result.uncovered(), "every one covered: " + result.problems());
        long inScps = result.inForce().values().stream().filter(p -> p.startsWith(ScpPacking.PREFIX)).count();
        assertTrue(inScps > 1100, "three levels of four free slots, about 98 ids each: " + inScps);
        assertEquals(1300 - inScps, result.overflowToPermissionSets(), "the rest in the permission sets");
        assertTrue(result.inForce().get(leavers.get(0)).startsWith(ScpPacking.PREFIX), "longest on the list in SCPs");
        for (String set : List.of(admin, readOnly)) {
            int size = PermissionSetRevoker.nonWhitespace(sso.inlinePolicy(set));
            assertTrue(size <= 10240, set + ": " + size);
        }
        for (String account : zone.accounts()) {
            Set<String> byScp = LandingZone.deniedAbove(organizations, account);
            List<String> sets = zone.prod().contains(account) ? List.of(admin, readOnly) : List.of(readOnly);
            for (String leaver : leavers) {
                assertTrue(byScp.contains(leaver) || sets.stream().allMatch(set -> DenyPolicy.ids(sso.inlinePolicy(set))
                        .contains(leaver)), leaver + " keeps a session in " + account);
            }
        }
    }
}
