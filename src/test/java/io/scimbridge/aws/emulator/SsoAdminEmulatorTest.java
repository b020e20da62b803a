package io.scimbridge.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.identitycenter.emulator.StoredGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignment;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentOperationStatus;
import software.amazon.awssdk.services.ssoadmin.model.ConflictException;
import software.amazon.awssdk.services.ssoadmin.model.CreateAccountAssignmentRequest;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSet;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSetProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.PrincipalType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisionTargetType;
import software.amazon.awssdk.services.ssoadmin.model.ProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssoadmin.model.StatusValues;
import software.amazon.awssdk.services.ssoadmin.model.TargetType;
import software.amazon.awssdk.services.ssoadmin.model.ThrottlingException;
import software.amazon.awssdk.services.ssoadmin.model.ValidationException;

/**
 * The SSO Admin emulator through the real {@code SsoAdminClient}: instance discovery, permission
 * sets, the asynchronous assignment flow, AWS's limit of 10 outstanding requests, provisioning.
 */
@ExtendWith(Emulators.class)
class SsoAdminEmulatorTest {

    private static final String ACCOUNT = "111111111111";
    private static final String GROUP = "0123456789-" + UUID.randomUUID();

    private final SsoAdminEmulator emulator;
    private SsoAdminClient client;
    private String instance;
    private String readOnly;

    SsoAdminEmulatorTest(SsoAdminEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void seed() {
        client = SdkClients.ssoAdmin(emulator.url());
        instance = emulator.instanceArn();
        readOnly = emulator.seedPermissionSet("ReadOnlyAccess");
        emulator.seedAccount(ACCOUNT);
        emulator.seedPrincipal("GROUP", GROUP);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private CreateAccountAssignmentRequest create(String permissionSet, String account, String group) {
        return CreateAccountAssignmentRequest.builder().instanceArn(instance).permissionSetArn(permissionSet)
                .targetId(account).targetType(TargetType.AWS_ACCOUNT)
                .principalType(PrincipalType.GROUP).principalId(group).build();
    }

    private AccountAssignmentOperationStatus pollCreation(String requestId) {
        return client.describeAccountAssignmentCreationStatus(r -> r.instanceArn(instance)
                .accountAssignmentCreationRequestId(requestId)).accountAssignmentCreationStatus();
    }

    private static String group() {
        return "0123456789-" + UUID.randomUUID();
    }

    @Test
    void listInstancesGivesTheInstanceAndItsIdentityStore() {
        List<InstanceMetadata> instances = client.listInstances(r -> { }).instances();
        assertEquals(1, instances.size());
        assertEquals(instance, instances.get(0).instanceArn());
        assertEquals(emulator.identityStoreId(), instances.get(0).identityStoreId());
        assertTrue(instance.matches("arn:aws:sso:::instance/ssoins-[0-9a-f]{16}"));
    }

    @Test
    void permissionSetsArePaginatedAndDescribedByArn() {
        List<String> seeded = new ArrayList<>(List.of(readOnly));
        for (String name : List.of("AdministratorAccess", "PowerUserAccess", "Billing", "Auditor")) {
            seeded.add(emulator.seedPermissionSet(name, "PT4H"));
        }
        List<String> listed = client.listPermissionSetsPaginator(r -> r.instanceArn(instance).maxResults(2))
                .permissionSets().stream().toList();
        assertEquals(seeded, listed);
        assertEquals(3, emulator.requestLog().count("ListPermissionSets"));

        PermissionSet billing = client.describePermissionSet(r -> r.instanceArn(instance).permissionSetArn(seeded.get(3)))
                .permissionSet();
        assertEquals("Billing", billing.name());
        assertEquals("PT4H", billing.sessionDuration());
        assertThrows(ValidationException.class,
                () -> client.describePermissionSet(r -> r.instanceArn(instance).permissionSetArn("ReadOnlyAccess")));
        assertThrows(ResourceNotFoundException.class,
                () -> client.listPermissionSets(r -> r.instanceArn("arn:aws:sso:::instance/ssoins-0000000000000000")));
    }

    @Test
    void creationIsAsynchronousAndVisibleOnceSucceeded() {
        emulator.completeAfterPolls(3);
        AccountAssignmentOperationStatus accepted = client.createAccountAssignment(create(readOnly, ACCOUNT, GROUP))
                .accountAssignmentCreationStatus();
        assertEquals(StatusValues.IN_PROGRESS, accepted.status());
        assertEquals(36, accepted.requestId().length());
        assertEquals(List.of(), emulator.assignments());

        assertEquals(StatusValues.IN_PROGRESS, pollCreation(accepted.requestId()).status());
        assertEquals(StatusValues.IN_PROGRESS, pollCreation(accepted.requestId()).status());
        AccountAssignmentOperationStatus done = pollCreation(accepted.requestId());
        assertEquals(StatusValues.SUCCEEDED, done.status());
        assertEquals(GROUP, done.principalId());

        List<AccountAssignment> listed = client.listAccountAssignments(r -> r.instanceArn(instance).accountId(ACCOUNT)
                .permissionSetArn(readOnly)).accountAssignments();
        assertEquals(1, listed.size());
        assertEquals(PrincipalType.GROUP, listed.get(0).principalType());
        assertEquals(Map.of(ACCOUNT, "PT1H"), emulator.provisionedAccounts(readOnly), "provisioned by the first assignment");

        String deletion = client.deleteAccountAssignment(r -> r.instanceArn(instance).permissionSetArn(readOnly)
                .targetId(ACCOUNT).targetType(TargetType.AWS_ACCOUNT).principalType(PrincipalType.GROUP).principalId(GROUP))
                .accountAssignmentDeletionStatus().requestId();
        emulator.tick();
        assertEquals(StatusValues.SUCCEEDED, client.describeAccountAssignmentDeletionStatus(r -> r.instanceArn(instance)
                .accountAssignmentDeletionRequestId(deletion)).accountAssignmentDeletionStatus().status());
        assertEquals(List.of(), emulator.assignments());
    }

    @Test
    void unknownPrincipalPermissionSetOrAccountFailsWithAReason() {
        String missingSet = readOnly.substring(0, readOnly.length() - 16) + "0000000000000000";
        List<String> reasons = new ArrayList<>();
        for (CreateAccountAssignmentRequest request : List.of(create(readOnly, ACCOUNT, group()),
                create(missingSet, ACCOUNT, GROUP), create(readOnly, "999988887777", GROUP))) {
            String id = client.createAccountAssignment(request).accountAssignmentCreationStatus().requestId();
            AccountAssignmentOperationStatus status = pollCreation(id);
            assertEquals(StatusValues.FAILED, status.status());
            reasons.add(status.failureReason());
        }
        assertTrue(reasons.get(0).contains("does not exist in identity store"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("Permission set"), reasons.get(1));
        assertTrue(reasons.get(2).contains("not a member of the organization"), reasons.get(2));
        assertEquals(List.of(), emulator.assignments());
    }

    @Test
    void listAccountAssignmentsPaginatesManualAssignments() {
        for (int i = 0; i < 5; i++) {
            emulator.seedAssignment(readOnly, ACCOUNT, "GROUP", group());
        }
        List<AccountAssignment> all = client.listAccountAssignmentsPaginator(r -> r.instanceArn(instance)
                .accountId(ACCOUNT).permissionSetArn(readOnly).maxResults(2)).accountAssignments().stream().toList();
        assertEquals(5, all.size());
        assertEquals(3, emulator.requestLog().count("ListAccountAssignments"));
        assertEquals(List.of(ACCOUNT), client.listAccountsForProvisionedPermissionSet(r -> r.instanceArn(instance)
                .permissionSetArn(readOnly)).accountIds());
    }

    @Test
    void atMostTenOutstandingRequests() {
        emulator.hold(true);
        List<String> groups = new ArrayList<>();
        try (SsoAdminClient once = SdkClients.ssoAdminWithoutRetries(emulator.url())) {
            for (int i = 0; i < 10; i++) {
                String g = group();
                emulator.seedPrincipal("GROUP", g);
                groups.add(g);
                once.createAccountAssignment(create(readOnly, ACCOUNT, g));
            }
            ThrottlingException tooMany = assertThrows(ThrottlingException.class,
                    () -> once.createAccountAssignment(create(readOnly, ACCOUNT, GROUP)));
            assertTrue(tooMany.awsErrorDetails().errorMessage().contains("too many requests processing"));
            assertThrows(ConflictException.class, () -> once.deleteAccountAssignment(r -> r.instanceArn(instance)
                    .permissionSetArn(readOnly).targetId(ACCOUNT).targetType(TargetType.AWS_ACCOUNT)
                    .principalType(PrincipalType.GROUP).principalId(groups.get(0))),
                    "a request for an assignment with one in progress");
            assertEquals(10, emulator.outstanding());

            emulator.tick();
            once.createAccountAssignment(create(readOnly, ACCOUNT, GROUP));
        }
        assertEquals(10, emulator.maxOutstanding());
        assertEquals(10, emulator.assignments().size());
    }

    @Test
    void sessionDurationReachesAccountsOnlyAfterProvisioning() {
        emulator.seedAssignment(readOnly, ACCOUNT, "GROUP", GROUP);
        client.updatePermissionSet(r -> r.instanceArn(instance).permissionSetArn(readOnly).sessionDuration("PT4H"));
        assertEquals("PT4H", emulator.sessionDuration(readOnly).orElseThrow());
        assertEquals(Map.of(ACCOUNT, "PT1H"), emulator.provisionedAccounts(readOnly));

        PermissionSetProvisioningStatus started = client.provisionPermissionSet(r -> r.instanceArn(instance)
                .permissionSetArn(readOnly).targetType(ProvisionTargetType.ALL_PROVISIONED_ACCOUNTS))
                .permissionSetProvisioningStatus();
        assertEquals(StatusValues.IN_PROGRESS, started.status());
        PermissionSetProvisioningStatus done = client.describePermissionSetProvisioningStatus(r -> r.instanceArn(instance)
                .provisionPermissionSetRequestId(started.requestId())).permissionSetProvisioningStatus();
        assertEquals(StatusValues.SUCCEEDED, done.status());
        assertEquals(Map.of(ACCOUNT, "PT4H"), emulator.provisionedAccounts(readOnly));

        assertThrows(ValidationException.class, () -> client.updatePermissionSet(r -> r.instanceArn(instance)
                .permissionSetArn(readOnly).sessionDuration("PT13H")));
    }

    @Test
    void anInlinePolicyReachesTheAccountsOnlyWhenTheSetIsProvisionedAgain() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}";
        emulator.seedAssignment(readOnly, ACCOUNT, "GROUP", GROUP);
        assertEquals("", client.getInlinePolicyForPermissionSet(r -> r.instanceArn(instance).permissionSetArn(readOnly))
                .inlinePolicy(), "none yet: an empty string");

        client.putInlinePolicyToPermissionSet(r -> r.instanceArn(instance).permissionSetArn(readOnly).inlinePolicy(policy));

        assertEquals(policy, client.getInlinePolicyForPermissionSet(r -> r.instanceArn(instance)
                .permissionSetArn(readOnly)).inlinePolicy());
        assertEquals(Map.of(ACCOUNT, ""), emulator.provisionedInlinePolicies(readOnly), "the account's role is unchanged");
        assertEquals(List.of(ACCOUNT), outdated(readOnly));
        String request = client.provisionPermissionSet(r -> r.instanceArn(instance).permissionSetArn(readOnly)
                .targetType(ProvisionTargetType.ALL_PROVISIONED_ACCOUNTS)).permissionSetProvisioningStatus().requestId();
        assertEquals(StatusValues.SUCCEEDED, client.describePermissionSetProvisioningStatus(r -> r.instanceArn(instance)
                .provisionPermissionSetRequestId(request)).permissionSetProvisioningStatus().status());
        assertEquals(Map.of(ACCOUNT, policy), emulator.provisionedInlinePolicies(readOnly));
        assertEquals(List.of(), outdated(readOnly));

        client.deleteInlinePolicyFromPermissionSet(r -> r.instanceArn(instance).permissionSetArn(readOnly));
        assertEquals("", emulator.inlinePolicy(readOnly));
        assertEquals(List.of(ACCOUNT), outdated(readOnly), "deleted, not yet provisioned");
        client.deleteInlinePolicyFromPermissionSet(r -> r.instanceArn(instance).permissionSetArn(readOnly));
    }

    @Test
    void anInlinePolicyIsAtMost32768CharactersOfWhichAtMost10240AreNotWhitespace() {
        String prefix = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"";
        String suffix = "\"}]}";
        String indent = " ".repeat(32768 - 10240);
        String atLimit = indent + prefix + "x".repeat(10240 - prefix.length() - suffix.length()) + suffix;
        client.putInlinePolicyToPermissionSet(r -> r.instanceArn(instance).permissionSetArn(readOnly).inlinePolicy(atLimit));
        assertEquals(32768, emulator.inlinePolicy(readOnly).length());

        ValidationException tooLong = assertThrows(ValidationException.class, () -> client.putInlinePolicyToPermissionSet(
                r -> r.instanceArn(instance).permissionSetArn(readOnly).inlinePolicy(" " + atLimit)));
        assertTrue(tooLong.awsErrorDetails().errorMessage().contains("32768"), tooLong.getMessage());
        ValidationException tooDense = assertThrows(ValidationException.class, () -> client.putInlinePolicyToPermissionSet(
                r -> r.instanceArn(instance).permissionSetArn(readOnly).inlinePolicy(atLimit.trim().replace("xx", "xxx"))));
        assertTrue(tooDense.awsErrorDetails().errorMessage().contains("10240"), tooDense.getMessage());
        assertThrows(ValidationException.class, () -> client.putInlinePolicyToPermissionSet(r -> r.instanceArn(instance)
                .permissionSetArn(readOnly).inlinePolicy("not a policy")));
        assertEquals(atLimit, emulator.inlinePolicy(readOnly), "a refused put changes nothing");
    }

    private List<String> outdated(String permissionSet) {
        return client.listAccountsForProvisionedPermissionSet(r -> r.instanceArn(instance).permissionSetArn(permissionSet)
                .provisioningStatus(ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED)).accountIds();
    }

    @Test
    void injectedThrottlingIsRetriedBySdk() {
        emulator.faults().throttleNext(2, Duration.ZERO);
        assertEquals(1, client.listInstances(r -> { }).instances().size());
        assertEquals(List.of(400, 400, 200),
                emulator.requestLog().entries("ListInstances").stream().map(e -> e.status()).toList());
    }

    @Test
    void mountedWithTheOtherEmulatorsGroupsAndAccountsAreShared() {
        try (AwsEmulators all = AwsEmulators.start();
             SsoAdminClient sso = SdkClients.ssoAdmin(all.identityStore().url());
             OrganizationsClient org = SdkClients.organizations(all.identityStore().url())) {
            SsoAdminEmulator mounted = all.ssoAdmin();
            String admin = mounted.seedPermissionSet("AdministratorAccess");
            OrganizationTree tree = all.organizations().tree();
            tree.seedAccount("222222222222", "workload", tree.rootId());
            StoredGroup admins = all.scim().seedGroup("aws-admins");

            assertEquals(all.identityStore().identityStoreId(), sso.listInstances(r -> { }).instances().get(0).identityStoreId());
            assertEquals(2, org.listAccounts().accounts().size());

            String ok = sso.createAccountAssignment(r -> r.instanceArn(mounted.instanceArn()).permissionSetArn(admin)
                    .targetId("222222222222").targetType(TargetType.AWS_ACCOUNT).principalType(PrincipalType.GROUP)
                    .principalId(admins.id())).accountAssignmentCreationStatus().requestId();
            assertEquals(StatusValues.SUCCEEDED, sso.describeAccountAssignmentCreationStatus(r -> r
                    .instanceArn(mounted.instanceArn()).accountAssignmentCreationRequestId(ok))
                    .accountAssignmentCreationStatus().status());

            tree.setState("222222222222", OrganizationTree.AccountState.SUSPENDED);
            all.scim().seedGroup("aws-readers");
            String suspended = sso.createAccountAssignment(r -> r.instanceArn(mounted.instanceArn()).permissionSetArn(admin)
                    .targetId("222222222222").targetType(TargetType.AWS_ACCOUNT).principalType(PrincipalType.GROUP)
                    .principalId(all.state().groups().get(1).id())).accountAssignmentCreationStatus().requestId();
            AccountAssignmentOperationStatus failed = sso.describeAccountAssignmentCreationStatus(r -> r
                    .instanceArn(mounted.instanceArn()).accountAssignmentCreationRequestId(suspended))
                    .accountAssignmentCreationStatus();
            assertEquals(StatusValues.FAILED, failed.status());
            assertTrue(failed.failureReason().contains("SUSPENDED"));
            assertEquals(1, mounted.requestLog().count("CreateAccountAssignment") - 1);
            assertEquals(1, all.organizations().requestLog().count("ListAccounts"));
            assertEquals(0, all.identityStore().requestLog().entries().size(), "the Identity Store log is its own");
        }
    }
}
