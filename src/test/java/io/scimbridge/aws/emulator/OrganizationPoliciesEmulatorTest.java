package io.scimbridge.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyException;
import software.amazon.awssdk.services.organizations.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.organizations.model.Policy;
import software.amazon.awssdk.services.organizations.model.PolicyInUseException;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.PolicyTypeNotEnabledException;
import software.amazon.awssdk.services.organizations.model.PolicyTypeStatus;
import software.amazon.awssdk.services.organizations.model.TargetType;

/** The Organizations emulator's service control policies through the real {@code OrganizationsClient}, at AWS's limits. */
@ExtendWith(Emulators.class)
class OrganizationPoliciesEmulatorTest {

    private static final String DENY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"identitystore:userId\":[\"u-1\"]}}}]}";

    private final OrganizationsEmulator emulator;
    private OrganizationsClient client;
    private String root;

    OrganizationPoliciesEmulatorTest(OrganizationsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void fresh() {
        client = SdkClients.organizationsWithoutRetries(emulator.url());
        root = emulator.rootId();
        emulator.tree().seedAccount("111111111111", "workload", root);
    }

    @Test
    void theRootSaysServiceControlPoliciesAreEnabledAndHoldsFullAwsAccess() {
        var types = client.listRoots().roots().get(0).policyTypes();
        assertEquals(List.of(PolicyType.SERVICE_CONTROL_POLICY), types.stream().map(t -> t.type()).toList());
        assertEquals(PolicyTypeStatus.ENABLED, types.get(0).status());
        assertEquals(List.of("FullAWSAccess"), names(client.listPoliciesForTarget(r -> r.targetId(root)
                .filter(PolicyType.SERVICE_CONTROL_POLICY)).policies()));

        emulator.policies().enableServiceControlPolicies(false);
        assertTrue(client.listRoots().roots().get(0).policyTypes().isEmpty());
    }

    @Test
    void aPolicyIsCreatedAttachedUpdatedDetachedAndDeleted() {
        Policy created = client.createPolicy(r -> r.name("deny-leavers").description("d").content(DENY)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy();
        String id = created.policySummary().id();
        assertTrue(id.matches("p-[0-9a-z]{8}"), id);
        client.attachPolicy(r -> r.policyId(id).targetId(root));
        assertEquals(List.of(root), client.listTargetsForPolicy(r -> r.policyId(id)).targets().stream()
                .map(t -> t.targetId()).toList());
        assertEquals(TargetType.ROOT, client.listTargetsForPolicy(r -> r.policyId(id)).targets().get(0).type());

        String updated = DENY.replace("u-1", "u-2");
        client.updatePolicy(r -> r.policyId(id).content(updated));
        assertEquals(updated, client.describePolicy(r -> r.policyId(id)).policy().content());

        assertThrows(PolicyInUseException.class, () -> client.deletePolicy(r -> r.policyId(id)));
        client.detachPolicy(r -> r.policyId(id).targetId(root));
        client.deletePolicy(r -> r.policyId(id));
        assertEquals(List.of("FullAWSAccess"), names(client.listPolicies(r -> r.filter(PolicyType.SERVICE_CONTROL_POLICY))
                .policies()));
    }

    @Test
    void aDocumentOverFiveThousandOneHundredTwentyCharactersIsRefused() {
        String big = DENY.replace("\"u-1\"", "\"" + "x".repeat(OrganizationPolicies.MAX_CONTENT) + "\"");
        var e = assertThrows(ConstraintViolationException.class, () -> client.createPolicy(r -> r.name("big")
                .description("").content(big).type(PolicyType.SERVICE_CONTROL_POLICY)));
        assertEquals(ConstraintViolationExceptionReason.POLICY_CONTENT_LIMIT_EXCEEDED, e.reason());
        String exact = DENY.replace("u-1", "u".repeat(OrganizationPolicies.MAX_CONTENT - DENY.length() + 3));
        assertEquals(OrganizationPolicies.MAX_CONTENT, exact.length());
        client.createPolicy(r -> r.name("exact").description("").content(exact).type(PolicyType.SERVICE_CONTROL_POLICY));
        assertThrows(MalformedPolicyDocumentException.class, () -> client.createPolicy(r -> r.name("bad")
                .description("").content("{not json").type(PolicyType.SERVICE_CONTROL_POLICY)));
        assertThrows(DuplicatePolicyException.class, () -> client.createPolicy(r -> r.name("exact")
                .description("").content(DENY).type(PolicyType.SERVICE_CONTROL_POLICY)));
    }

    @Test
    void aTargetHoldsAtMostFiveAndAtLeastOneServiceControlPolicy() {
        for (int i = 1; i <= 4; i++) {
            emulator.policies().seedPolicy("operator-" + i, DENY, root);
        }
        Policy sixth = client.createPolicy(r -> r.name("sixth").description("").content(DENY)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy();
        var tooMany = assertThrows(ConstraintViolationException.class,
                () -> client.attachPolicy(r -> r.policyId(sixth.policySummary().id()).targetId(root)));
        assertEquals(ConstraintViolationExceptionReason.MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED, tooMany.reason());

        var last = assertThrows(ConstraintViolationException.class, () -> client.detachPolicy(r -> r
                .policyId(OrganizationPolicies.FULL_AWS_ACCESS).targetId("111111111111")));
        assertEquals(ConstraintViolationExceptionReason.MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED, last.reason());
    }

    @Test
    void theOrganisationHoldsALimitedNumberOfPolicies() {
        emulator.policies().maxPolicies(2);
        client.createPolicy(r -> r.name("one").description("").content(DENY).type(PolicyType.SERVICE_CONTROL_POLICY));
        var e = assertThrows(ConstraintViolationException.class, () -> client.createPolicy(r -> r.name("two")
                .description("").content(DENY).type(PolicyType.SERVICE_CONTROL_POLICY)));
        assertEquals(ConstraintViolationExceptionReason.POLICY_NUMBER_LIMIT_EXCEEDED, e.reason());
    }

    @Test
    void withServiceControlPoliciesDisabledNothingIsAttached() {
        emulator.policies().enableServiceControlPolicies(false);
        Policy p = client.createPolicy(r -> r.name("p").description("").content(DENY)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy();
        assertThrows(PolicyTypeNotEnabledException.class,
                () -> client.attachPolicy(r -> r.policyId(p.policySummary().id()).targetId(root)));
    }

    private static List<String> names(List<PolicySummary> policies) {
        return policies.stream().map(PolicySummary::name).toList();
    }
}
