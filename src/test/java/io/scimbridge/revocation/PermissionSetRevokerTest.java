package io.scimbridge.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.Emulators;
import io.scimbridge.aws.emulator.OrganizationPolicies;
import io.scimbridge.aws.emulator.OrganizationsEmulator;
import io.scimbridge.aws.emulator.SdkClients;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The permission-set half of session revocation against the SSO Admin and Organizations
 * emulators through the real SDK: the Deny merged into every provisioned set's inline policy with
 * the operator's statements kept, provisioning, the 32,768-character limit, a run cut short, and
 * mode scp's overflow and management account.
 */
@ExtendWith(Emulators.class)
class PermissionSetRevokerTest {

    private static final String OPERATOR = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoBilling\","
            + "\"Effect\":\"Deny\",\"Action\":\"aws-portal:*\",\"Resource\":\"*\"}]}";
    private static final String WORKLOAD = "222222222222";
    /** The root's SCP slots only: what does not fit there goes to the permission sets. */
    private static final Coverage.ScpPlacement ROOT_ONLY = new Coverage.ScpPlacement(List.of(), false);
    private static final String GROUP = "0123456789-" + UUID.randomUUID();

    private final OrganizationsEmulator organizations;
    private final SsoAdminEmulator sso;
    private String admin;
    private String readOnly;
    private String unused;

    PermissionSetRevokerTest(OrganizationsEmulator organizations, SsoAdminEmulator sso) {
        this.organizations = organizations;
        this.sso = sso;
    }

    /** AdministratorAccess in the management account and a workload, ReadOnly in the workload, one set nowhere. */
    @BeforeEach
    void anInstanceWithProvisionedSets() {
        organizations.tree().seedAccount(WORKLOAD, "workload", organizations.rootId());
        admin = sso.seedPermissionSet("AdministratorAccess");
        readOnly = sso.seedPermissionSet("ReadOnlyAccess");
        unused = sso.seedPermissionSet("Unused");
        sso.seedPrincipal("GROUP", GROUP);
        sso.seedAssignment(admin, organizations.managementAccountId(), "GROUP", GROUP);
        sso.seedAssignment(admin, WORKLOAD, "GROUP", GROUP);
        sso.seedAssignment(readOnly, WORKLOAD, "GROUP", GROUP);
        sso.seedInlinePolicy(readOnly, OPERATOR);
    }

    private PermissionSetGateway gateway() {
        return new SdkPermissionSetGateway(SdkClients.ssoAdmin(sso.url()), Optional.empty());
    }

    private ScpGateway organizationsGateway() {
        return new SdkScpGateway(SdkClients.organizations(organizations.url()));
    }

    @Test
    void leaversAreDeniedInEveryProvisionedSetAndTheOperatorsStatementsAreKept() {
        List<String> leavers = identityCenterIds(2);

        Coverage.Result result = Coverage.inPermissionSets(gateway(), leavers, Map.of());

        assertEquals(Set.copyOf(leavers), result.inForce().keySet());
        assertEquals(List.of(), result.uncovered());
        for (String set : List.of(admin, readOnly)) {
            assertEquals(Set.copyOf(leavers), DenyPolicy.ids(sso.inlinePolicy(set)), set);
            sso.provisionedInlinePolicies(set).values().forEach(provisioned ->
                    assertEquals(sso.inlinePolicy(set), provisioned, "provisioned to every account of " + set));
        }
        assertTrue(sso.inlinePolicy(readOnly).contains("\"Sid\":\"NoBilling\""), sso.inlinePolicy(readOnly));
        assertEquals("", sso.inlinePolicy(unused), "provisioned nowhere: no role, no session, no Deny");

        sso.requestLog().clear();
        Coverage.inPermissionSets(gateway(), leavers, Map.of());
        assertEquals(0, sso.requestLog().count("PutInlinePolicyToPermissionSet"), "nothing changed, nothing sent");
        assertEquals(0, sso.requestLog().count("ProvisionPermissionSet"));
    }

    @Test
    void whenTheListEmptiesOnlyTheBridgesStatementGoes() {
        Coverage.inPermissionSets(gateway(), identityCenterIds(3), Map.of());

        Coverage.inPermissionSets(gateway(), List.of(), Map.of());

        assertEquals(OPERATOR, sso.inlinePolicy(readOnly), "the operator's statement as it was");
        assertEquals("", sso.inlinePolicy(admin), "the bridge's statement was all it held: the inline policy is deleted");
        assertEquals(Map.of(organizations.managementAccountId(), "", WORKLOAD, ""), sso.provisionedInlinePolicies(admin));
        assertEquals(Map.of(WORKLOAD, OPERATOR), sso.provisionedInlinePolicies(readOnly));
    }

    @Test
    void aRunCutShortBetweenThePolicyAndTheProvisioningIsCompletedByTheNext() {
        List<String> leavers = identityCenterIds(1);
        PermissionSetRevoker dying = new PermissionSetRevoker(new DiesBeforeProvisioning(gateway()));
        assertThrows(IllegalStateException.class, () -> dying.apply(
                new PermissionSetRevoker.Desired(leavers, List.of(), Map.of()), null));
        assertEquals(Set.copyOf(leavers), DenyPolicy.ids(sso.inlinePolicy(admin)), "written, not provisioned");

        Coverage.Result afterRestart = Coverage.inPermissionSets(gateway(), leavers, Map.of());

        assertEquals(Set.copyOf(leavers), afterRestart.inForce().keySet());
        sso.provisionedInlinePolicies(admin).values().forEach(p -> assertEquals(Set.copyOf(leavers), DenyPolicy.ids(p)));
    }

    @Test
    void anInlinePolicyNeverGoesOverItsLimitAndWhatDoesNotFitIsReported() {
        List<String> leavers = identityCenterIds(300);

        Coverage.Result result = Coverage.inPermissionSets(gateway(), leavers, Map.of());

        for (String set : List.of(admin, readOnly)) {
            int size = PermissionSetRevoker.nonWhitespace(sso.inlinePolicy(set));
            assertTrue(size <= 10240, set + ": " + size);
            assertTrue(size > 10240 - 60, "packed tightly: " + size);
        }
        assertTrue(result.uncovered().size() > 50, "about 200 ids fit: " + result.uncovered().size());
        assertTrue(leavers.subList(300 - result.uncovered().size(), 300).equals(result.uncovered()), "the newest leavers wait");
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("fit in no inline policy")), result.problems().toString());
    }

    @Test
    void fiveHundredLeaversOverflowFromScpsIntoPermissionSetsWithNoPolicyOverItsLimit() {
        nothingAssignedInTheManagementAccount();
        List<String> leavers = identityCenterIds(500);

        Coverage.Result result = Coverage.inScps(organizationsGateway(), ROOT_ONLY, gateway(), leavers, Map.of());

        assertEquals(0, result.uncovered().size(), "every one covered: " + result.problems());
        assertEquals(500, result.inForce().size());
        Set<String> inScps = new HashSet<>();
        organizations.policies().policies().stream().filter(p -> ScpPacking.bridgeOwned(p.name())).forEach(p -> {
            assertTrue(p.content().length() <= 5120, p.name());
            inScps.addAll(DenyPolicy.ids(p.content()));
        });
        assertEquals(4, organizations.policies().attachedTo(organizations.rootId()).size() - 1, "the 4 free SCP slots used");
        assertEquals(Set.copyOf(leavers.subList(0, inScps.size())), inScps, "longest on the list in SCPs");
        assertEquals(500 - inScps.size(), result.overflowToPermissionSets());
        for (String set : List.of(admin, readOnly)) {
            String policy = sso.inlinePolicy(set);
            assertTrue(PermissionSetRevoker.nonWhitespace(policy) <= 10240, set + ": " + policy.length());
            assertTrue(DenyPolicy.ids(policy).containsAll(leavers.subList(inScps.size(), 500)), "the overflow in " + set);
        }
        assertTrue(leavers.stream().allMatch(result.inForce()::containsKey));
        assertEquals(Coverage.PERMISSION_SETS, result.inForce().get(leavers.get(499)));
        assertTrue(result.inForce().get(leavers.get(0)).startsWith(ScpPacking.PREFIX));
    }

    @Test
    void aSetInTheManagementAccountHoldsAllLeaversOnlyAsFarAsItsInlinePolicyAllows() {
        List<String> leavers = identityCenterIds(1000);

        Coverage.Result result = Coverage.inScps(organizationsGateway(), ROOT_ONLY, gateway(), leavers, Map.of());

        String policy = sso.inlinePolicy(admin);
        assertTrue(PermissionSetRevoker.nonWhitespace(policy) <= 10240, "AdministratorAccess: " + policy.length());
        Set<String> held = DenyPolicy.ids(policy);
        assertTrue(held.size() > 150, "about 200 fit: " + held.size());
        // an overflow id held in this set but in no room of another set it also needs stays uncovered too
        assertTrue(result.uncovered().containsAll(leavers.stream().filter(id -> !held.contains(id)).toList()),
                "what the management account's set cannot hold is uncovered");
        assertTrue(result.problems().stream().anyMatch(p -> p.contains("fit in no inline policy of permission set " + admin)));
    }

    @Test
    void inModeScpTheManagementAccountsSetsCarryTheDenyBecauseScpsNeverApplyThere() {
        List<String> leavers = identityCenterIds(2);

        Coverage.Result result = Coverage.inScps(organizationsGateway(), ROOT_ONLY, gateway(), leavers, Map.of());

        assertEquals(organizations.managementAccountId(), result.managementAccount());
        assertEquals(Set.copyOf(leavers), DenyPolicy.ids(sso.inlinePolicy(admin)), "AdministratorAccess is in the management account");
        assertEquals(Set.of(), DenyPolicy.ids(sso.inlinePolicy(readOnly)), "ReadOnlyAccess is not: the SCP covers it");
        assertEquals(OPERATOR, sso.inlinePolicy(readOnly));
        assertEquals(0, result.uncovered().size());
        assertTrue(result.inForce().values().stream().allMatch(p -> p.startsWith(ScpPacking.PREFIX)));
    }

    @Test
    void aUserWhoLeftAGroupIsDeniedOnlyInTheSetsItGranted() {
        String user = identityCenterIds(1).get(0);

        Coverage.Result result = Coverage.inPermissionSets(gateway(), List.of(), Map.of(readOnly, List.of(user)));

        assertEquals(Set.of(user), DenyPolicy.ids(sso.inlinePolicy(readOnly)));
        assertEquals("", sso.inlinePolicy(admin));
        assertEquals(Set.of(user), result.permissionSets().inForce().get(readOnly));
    }

    @Test
    void aUserWhoLeftAGroupButIsAssignedTheSetDirectlyIsNotDeniedInIt() {
        List<String> users = identityCenterIds(2);
        String assignedByHand = users.get(0);
        sso.seedPrincipal("USER", assignedByHand);
        sso.seedAssignment(readOnly, WORKLOAD, "USER", assignedByHand);

        Coverage.Result result = Coverage.inPermissionSets(gateway(), List.of(), Map.of(readOnly, users));

        assertEquals(Set.of(users.get(1)), DenyPolicy.ids(sso.inlinePolicy(readOnly)),
                "a Deny in the set would end the access its own assignment gives");
        assertEquals(Map.of(readOnly, Set.of(assignedByHand)), result.permissionSets().directlyAssigned());
    }

    @Test
    void anInlinePolicyThatIsNotJsonIsLeftAloneAndReported() {
        PermissionSetRevoker.Outcome outcome = new PermissionSetRevoker(new NotJson(gateway(), admin))
                .apply(new PermissionSetRevoker.Desired(identityCenterIds(1), List.of(), Map.of()), null);
        assertTrue(outcome.problems().get(0).contains("not JSON"), outcome.problems().toString());
        assertInstanceOf(Set.class, outcome.inForce().get(readOnly));
    }

    /** The usual landing zone: nobody works in the management account. */
    private void nothingAssignedInTheManagementAccount() {
        sso.reset();
        admin = sso.seedPermissionSet("AdministratorAccess");
        readOnly = sso.seedPermissionSet("ReadOnlyAccess");
        sso.seedPrincipal("GROUP", GROUP);
        sso.seedAssignment(admin, WORKLOAD, "GROUP", GROUP);
        sso.seedAssignment(readOnly, WORKLOAD, "GROUP", GROUP);
        sso.seedInlinePolicy(readOnly, OPERATOR);
    }

    /** Identity Center user ids as AWS makes them: a 10-hex prefix and a UUID (47 characters). */
    private static List<String> identityCenterIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> "906744f2c1-" + UUID.randomUUID()).toList();
    }

    /** The process dies after PutInlinePolicyToPermissionSet, before ProvisionPermissionSet. */
    private record DiesBeforeProvisioning(PermissionSetGateway delegate) implements PermissionSetGateway {
        @Override public List<String> permissionSets() { return delegate.permissionSets(); }
        @Override public List<String> provisionedAccounts(String arn) { return delegate.provisionedAccounts(arn); }
        @Override public boolean outdatedSomewhere(String arn) { return delegate.outdatedSomewhere(arn); }
        @Override public Set<String> usersAssigned(String arn, List<String> accounts) { return delegate.usersAssigned(arn, accounts); }
        @Override public String inlinePolicy(String arn) { return delegate.inlinePolicy(arn); }
        @Override public void putInlinePolicy(String arn, String policy) { delegate.putInlinePolicy(arn, policy); }
        @Override public void deleteInlinePolicy(String arn) { delegate.deleteInlinePolicy(arn); }
        @Override public Provisioned provision(String arn) { throw new IllegalStateException("killed"); }
    }

    /** One set's inline policy reads back as something that is not JSON. */
    private record NotJson(PermissionSetGateway delegate, String broken) implements PermissionSetGateway {
        @Override public List<String> permissionSets() { return delegate.permissionSets(); }
        @Override public List<String> provisionedAccounts(String arn) { return delegate.provisionedAccounts(arn); }
        @Override public boolean outdatedSomewhere(String arn) { return delegate.outdatedSomewhere(arn); }
        @Override public Set<String> usersAssigned(String arn, List<String> accounts) { return delegate.usersAssigned(arn, accounts); }
        @Override public String inlinePolicy(String arn) { return arn.equals(broken) ? "{not json" : delegate.inlinePolicy(arn); }
        @Override public void putInlinePolicy(String arn, String policy) { delegate.putInlinePolicy(arn, policy); }
        @Override public void deleteInlinePolicy(String arn) { delegate.deleteInlinePolicy(arn); }
        @Override public Provisioned provision(String arn) { return delegate.provision(arn); }
    }
}
