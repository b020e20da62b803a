package io.scimbridge.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.Emulators;
import io.scimbridge.aws.emulator.OrganizationPolicies;
import io.scimbridge.aws.emulator.OrganizationsEmulator;
import io.scimbridge.aws.emulator.SdkClients;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The SCP half of session revocation against the Organizations emulator through the real SDK:
 * packing at AWS's limits, the operator's own SCPs, a crash half-way, throttling.
 */
@ExtendWith(Emulators.class)
class ScpRevokerTest {

    private static final String OPERATOR = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}";

    private final OrganizationsEmulator organizations;
    private OrganizationPolicies policies;
    private String root;

    ScpRevokerTest(OrganizationsEmulator organizations) {
        this.organizations = organizations;
    }

    @BeforeEach
    void fresh() {
        policies = organizations.policies();
        root = organizations.rootId();
    }

    private ScpRevoker revoker() {
        return new ScpRevoker(new SdkScpGateway(SdkClients.organizations(organizations.url())));
    }

    /** A run with the policies on the root, and on the levels below it once the root is full. */
    private ScpRevoker.Outcome apply(ScpRevoker revoker, List<String> leavers) {
        return revoker.apply(leavers, List.of(), organizations.managementAccountId(), true);
    }

    @Test
    void aThousandLeaversFillTheFreeSlotsAndTheRestOverflowsWithNoPolicyOverItsLimit() {
        policies.seedPolicy("operator-deny-ec2", OPERATOR, root);
        policies.seedPolicy("operator-region-lock", OPERATOR, root);
        List<String> leavers = identityCenterIds(1000);

        ScpRevoker.Outcome outcome = apply(revoker(), leavers);

        List<OrganizationPolicies.Policy> bridge = bridgePolicies();
        assertEquals(2, bridge.size(), "FullAWSAccess and two of the operator's leave two of five slots on the root");
        bridge.forEach(p -> assertTrue(p.content().length() <= 5120, p.name() + " is " + p.content().length()));
        bridge.forEach(p -> assertTrue(p.content().length() > 5120 - 50, "packed tightly: " + p.content().length()));
        assertEquals(5, policies.attachedTo(root).size());
        Set<String> denied = new HashSet<>();
        bridge.forEach(p -> denied.addAll(DenyPolicy.ids(p.content())));
        assertEquals(denied, outcome.inForce().keySet());
        assertEquals(leavers.subList(0, denied.size()), List.copyOf(outcome.inForce().keySet()), "longest on the list first");
        assertEquals(1000 - denied.size(), outcome.overflow().size());
        assertTrue(outcome.problems().stream().anyMatch(p -> p.contains("fit in no service control policy")));
        assertEquals(OPERATOR, policies.byName("operator-deny-ec2").orElseThrow().content(), "the operator's SCP is untouched");
    }

    @Test
    void theOperatorsOwnPoliciesAreNeverChangedDetachedOrDeleted() {
        OrganizationPolicies.Policy own = policies.seedPolicy("scim-bridge-session-revocation-notes", OPERATOR, root);
        List<String> leavers = identityCenterIds(3);
        apply(revoker(), leavers);
        apply(revoker(), List.of());

        assertEquals(List.of("FullAWSAccess", own.name()), policies.attachedTo(root).stream()
                .map(OrganizationPolicies.Policy::name).toList());
        assertEquals(OPERATOR, policies.byName(own.name()).orElseThrow().content());
        assertTrue(bridgePolicies().isEmpty(), "the bridge's emptied policy is detached and deleted");
    }

    @Test
    void aChangeRewritesOnlyThePolicyThatHoldsIt() {
        List<String> leavers = identityCenterIds(150);
        apply(revoker(), leavers);
        String first = policies.byName("scim-bridge-session-revocation-1").orElseThrow().content();
        organizations.requestLog().clear();

        apply(revoker(), leavers.subList(0, 149));

        assertEquals(first, policies.byName("scim-bridge-session-revocation-1").orElseThrow().content());
        assertEquals(1, organizations.requestLog().count("UpdatePolicy"));
        assertEquals(0, organizations.requestLog().count("CreatePolicy"));
    }

    @Test
    void aRunCutShortIsCompletedByTheNextWithoutDuplicates() {
        List<String> leavers = identityCenterIds(5);
        // the process dies after CreatePolicy, before AttachPolicy
        ScpRevoker cutShort = new ScpRevoker(new FailingAttach(new SdkScpGateway(SdkClients.organizations(organizations.url()))));
        assertThrows(IllegalStateException.class, () -> apply(cutShort, leavers));
        assertEquals(1, bridgePolicies().size(), "created, not attached");

        ScpRevoker.Outcome afterRestart = apply(revoker(), leavers);

        assertEquals(Set.copyOf(leavers), afterRestart.inForce().keySet());
        assertEquals(1, bridgePolicies().size());
        assertTrue(policies.attachedTo(root).stream().anyMatch(p -> p.name().equals("scim-bridge-session-revocation-1")));
    }

    @Test
    void throttlingIsRetried() {
        organizations.faults().throttleNext(2, Duration.ZERO);
        ScpRevoker.Outcome outcome = apply(revoker(), identityCenterIds(2));
        assertEquals(2, outcome.inForce().size());
    }

    @Test
    void withoutServiceControlPoliciesNothingIsSentAndTheProblemIsNamed() {
        policies.enableServiceControlPolicies(false);
        ScpRevoker.Outcome outcome = apply(revoker(), identityCenterIds(2));
        assertEquals(2, outcome.overflow().size());
        assertTrue(outcome.problems().get(0).contains("not enabled"), outcome.problems().toString());
        assertEquals(0, organizations.requestLog().count("CreatePolicy"));
    }

    @Test
    void aThousandLeaversInALandingZoneAreAllDeniedBySpreadingOverTheOusAndAccountsBelowTheRoot() {
        List<String> accounts = LandingZone.seed(organizations.tree()).accounts();
        List<String> leavers = identityCenterIds(1000);

        ScpRevoker.Outcome outcome = apply(revoker(), leavers);

        assertEquals(Set.copyOf(leavers), outcome.inForce().keySet(), "every one denied in an SCP: " + outcome.problems());
        assertTrue(outcome.overflow().isEmpty());
        bridgePolicies().forEach(p -> assertTrue(p.content().length() <= 5120, p.name() + " is " + p.content().length()));
        for (String account : accounts) {
            assertEquals(Set.copyOf(leavers), LandingZone.deniedAbove(organizations, account), "every leaver denied in " + account);
        }
        assertEquals(Set.of(0, 1, 2), outcome.policies().values().stream().map(ScpRevoker.PolicyUse::level)
                .collect(java.util.stream.Collectors.toSet()), "the root, the first OUs, then what is below them");
        assertTrue(LandingZone.deniedAbove(organizations, organizations.managementAccountId()).size() < 1000,
                "nothing is spread to the management account: SCPs never apply there");
    }

    @Test
    void anAccountDirectlyUnderTheRootBoundsTheRoomToItsOwnSlotsAndTheRoots() {
        List<String> accounts = LandingZone.seed(organizations.tree()).accounts();
        organizations.tree().seedAccount("400000000001", "sandbox", root);
        List<String> leavers = identityCenterIds(1000);

        ScpRevoker.Outcome outcome = apply(revoker(), leavers);

        int denied = outcome.inForce().size();
        assertTrue(denied > 700 && denied < 800, "8 policies of about 98 ids: " + denied);
        assertEquals(leavers.subList(0, denied), List.copyOf(outcome.inForce().keySet()), "longest on the list first");
        assertTrue(outcome.problems().stream().noneMatch(p -> p.contains("Could not attach")), outcome.problems().toString());
        for (String account : concat(accounts, List.of("400000000001"))) {
            assertEquals(outcome.inForce().keySet(), LandingZone.deniedAbove(organizations, account), account);
        }
    }

    @Test
    void policiesBelowTheRootAreDetachedEverywhereAndDeletedOnceTheirLeaversExpire() {
        List<String> accounts = LandingZone.seed(organizations.tree()).accounts();
        apply(revoker(), identityCenterIds(1000));

        ScpRevoker.Outcome outcome = apply(revoker(), List.of());

        assertTrue(outcome.inForce().isEmpty());
        assertTrue(bridgePolicies().isEmpty());
        for (String target : concat(accounts, List.of(root))) {
            assertEquals(List.of("FullAWSAccess"), policies.attachedTo(target).stream()
                    .map(OrganizationPolicies.Policy::name).toList(), target);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private List<OrganizationPolicies.Policy> bridgePolicies() {
        return policies.policies().stream().filter(p -> ScpPacking.bridgeOwned(p.name())).toList();
    }

    /** Identity Center user ids as AWS makes them: a 10-hex prefix and a UUID (47 characters). */
    static List<String> identityCenterIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> "906744f2c1-" + UUID.randomUUID()).toList();
    }

    /** A gateway whose AttachPolicy never gets through: the process dies after CreatePolicy. */
    private record FailingAttach(ScpGateway delegate) implements ScpGateway {
        @Override public Root root() { return delegate.root(); }
        @Override public String managementAccount() { return delegate.managementAccount(); }
        @Override public List<PolicyRef> policies() { return delegate.policies(); }
        @Override public String content(String policyId) { return delegate.content(policyId); }
        @Override public List<PolicyRef> attachedTo(String targetId) { return delegate.attachedTo(targetId); }
        @Override public List<String> targetsOf(String policyId) { return delegate.targetsOf(policyId); }
        @Override public List<String> children(String parentId) { return delegate.children(parentId); }
        @Override public String create(String name, String description, String content) {
            return delegate.create(name, description, content);
        }
        @Override public void update(String policyId, String content) { delegate.update(policyId, content); }
        @Override public void attach(String policyId, String targetId) { throw new IllegalStateException("killed"); }
        @Override public void detach(String policyId, String targetId) { delegate.detach(policyId, targetId); }
        @Override public void delete(String policyId) { delegate.delete(policyId); }
    }
}
