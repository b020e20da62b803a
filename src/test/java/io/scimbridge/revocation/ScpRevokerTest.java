package io.scimbridge.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.OrganizationPolicies;
import io.scimbridge.aws.emulator.OrganizationsEmulator;
import io.scimbridge.aws.emulator.SdkClients;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The SCP half of session revocation against the Organizations emulator through the real SDK:
 * packing at AWS's limits, the operator's own SCPs, a crash half-way, throttling.
 */
class ScpRevokerTest {

    private static final String OPERATOR = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}";

    private static OrganizationsEmulator organizations;
    private OrganizationPolicies policies;
    private String root;

    @BeforeAll
    static void start() {
        organizations = OrganizationsEmulator.start();
    }

    @AfterAll
    static void stop() {
        organizations.close();
    }

    @BeforeEach
    void fresh() {
        organizations.reset();
        policies = organizations.policies();
        root = organizations.rootId();
    }

    private ScpRevoker revoker() {
        return new ScpRevoker(new SdkScpGateway(SdkClients.organizations(organizations.url())));
    }

    @Test
    void aThousandLeaversFillTheFreeSlotsAndTheRestOverflowsWithNoPolicyOverItsLimit() {
        policies.seedPolicy("operator-deny-ec2", OPERATOR, root);
        policies.seedPolicy("operator-region-lock", OPERATOR, root);
        List<String> leavers = identityCenterIds(1000);

        ScpRevoker.Outcome outcome = revoker().apply(leavers, List.of());

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
        revoker().apply(leavers, List.of());
        revoker().apply(List.of(), List.of());

        assertEquals(List.of("FullAWSAccess", own.name()), policies.attachedTo(root).stream()
                .map(OrganizationPolicies.Policy::name).toList());
        assertEquals(OPERATOR, policies.byName(own.name()).orElseThrow().content());
        assertTrue(bridgePolicies().isEmpty(), "the bridge's emptied policy is detached and deleted");
    }

    @Test
    void aChangeRewritesOnlyThePolicyThatHoldsIt() {
        List<String> leavers = identityCenterIds(150);
        revoker().apply(leavers, List.of());
        String first = policies.byName("scim-bridge-session-revocation-1").orElseThrow().content();
        organizations.requestLog().clear();

        revoker().apply(leavers.subList(0, 149), List.of());

        assertEquals(first, policies.byName("scim-bridge-session-revocation-1").orElseThrow().content());
        assertEquals(1, organizations.requestLog().count("UpdatePolicy"));
        assertEquals(0, organizations.requestLog().count("CreatePolicy"));
    }

    @Test
    void aRunCutShortIsCompletedByTheNextWithoutDuplicates() {
        List<String> leavers = identityCenterIds(5);
        // the process dies after CreatePolicy, before AttachPolicy
        ScpRevoker cutShort = new ScpRevoker(new FailingAttach(new SdkScpGateway(SdkClients.organizations(organizations.url()))));
        assertThrows(IllegalStateException.class, () -> cutShort.apply(leavers, List.of()));
        assertEquals(1, bridgePolicies().size(), "created, not attached");

        ScpRevoker.Outcome afterRestart = revoker().apply(leavers, List.of());

        assertEquals(Set.copyOf(leavers), afterRestart.inForce().keySet());
        assertEquals(1, bridgePolicies().size());
        assertTrue(policies.attachedTo(root).stream().anyMatch(p -> p.name().equals("scim-bridge-session-revocation-1")));
    }

    @Test
    void throttlingIsRetried() {
        organizations.faults().throttleNext(2, Duration.ZERO);
        ScpRevoker.Outcome outcome = revoker().apply(identityCenterIds(2), List.of());
        assertEquals(2, outcome.inForce().size());
    }

    @Test
    void withoutServiceControlPoliciesNothingIsSentAndTheProblemIsNamed() {
        policies.enableServiceControlPolicies(false);
        ScpRevoker.Outcome outcome = revoker().apply(identityCenterIds(2), List.of());
        assertEquals(2, outcome.overflow().size());
        assertTrue(outcome.problems().get(0).contains("not enabled"), outcome.problems().toString());
        assertEquals(0, organizations.requestLog().count("CreatePolicy"));
    }

    private List<OrganizationPolicies.Policy> bridgePolicies() {
        return policies.policies().stream().filter(p -> ScpPacking.bridgeOwned(p.name())).toList();
    }

    /** Identity Center user ids as AWS makes them: a 10-hex prefix and a UUID (47 characters). */
    private static List<String> identityCenterIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> "906744f2c1-" + UUID.randomUUID()).toList();
    }

    /** A gateway whose AttachPolicy never gets through: the process dies after CreatePolicy. */
    private record FailingAttach(ScpGateway delegate) implements ScpGateway {
        @Override public Root root() { return delegate.root(); }
        @Override public String managementAccount() { return delegate.managementAccount(); }
        @Override public List<PolicyRef> policies() { return delegate.policies(); }
        @Override public String content(String policyId) { return delegate.content(policyId); }
        @Override public List<PolicyRef> attachedTo(String targetId) { return delegate.attachedTo(targetId); }
        @Override public String create(String name, String description, String content) {
            return delegate.create(name, description, content);
        }
        @Override public void update(String policyId, String content) { delegate.update(policyId, content); }
        @Override public void attach(String policyId, String targetId) { throw new IllegalStateException("killed"); }
        @Override public void detach(String policyId, String targetId) { delegate.detach(policyId, targetId); }
        @Override public void delete(String policyId) { delegate.delete(policyId); }
    }
}
