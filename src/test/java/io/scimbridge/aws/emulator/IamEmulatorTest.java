package io.scimbridge.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS and IAM emulators through the real {@code StsClient} and {@code IamClient}: sessions per account, paging, errors. */
@ExtendWith(Emulators.class)
class IamEmulatorTest {

    private static final String PROD = "111111111111";
    private static final String DEV = "222222222222";
    private static final String ROLE = "scim-bridge-iam-users";

    private final IamEmulator emulator;
    private StsClient sts;
    private IamClient prod;

    IamEmulatorTest(IamEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void seed() {
        Instant now = emulator.accounts().now();
        emulator.account(PROD).role(ROLE);
        emulator.account(PROD).user("alice", Duration.ofDays(400)).tag("email", "alice@example.com")
                .password(now.minus(Duration.ofDays(3))).accessKey("AKIAALICE0000000001", now.minus(Duration.ofDays(90)))
                .mfaDevice("arn:aws:iam::111111111111:mfa/alice").group("admins")
                .attachedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess").inlinePolicy("extra")
                .signingCertificate("CERT1").sshPublicKey("APKA1").serviceSpecificCredential("ACCA1");
        emulator.account(PROD).user("ci-deploy", Duration.ofDays(100)).accessKey("AKIACI0000000000001", now.minus(Duration.ofDays(1)));
        emulator.account(PROD).user("bob", Duration.ofDays(10));
        emulator.account(DEV).role(ROLE).user("dev-only", Duration.ofDays(5));
        sts = SdkClients.sts(emulator.url());
        prod = iamIn(PROD);
    }

    @AfterEach
    void close() {
        sts.close();
        prod.close();
    }

    private IamClient iamIn(String account) {
        Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/" + ROLE)
                .roleSessionName("scim-bridge")).credentials();
        return SdkClients.iam(emulator.url(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
    }

    @Test
    void eachSessionSeesTheUsersOfItsOwnAccountPageByPage() {
        List<User> users = prod.listUsersPaginator(r -> r.maxItems(2)).users().stream().toList();
        assertEquals(List.of("alice", "bob", "ci-deploy"), users.stream().map(User::userName).toList());
        assertEquals(2, emulator.iamLog().count("ListUsers"), "three users in pages of two");
        assertEquals("arn:aws:iam::111111111111:user/alice", users.get(0).arn());
        assertTrue(users.get(0).passwordLastUsed() != null);
        try (IamClient dev = iamIn(DEV)) {
            assertEquals(List.of("dev-only"), dev.listUsers().users().stream().map(User::userName).toList());
        }
        assertEquals("alice@example.com", prod.listUserTags(r -> r.userName("alice")).tags().get(0).value());
    }

    @Test
    void aMissingRoleIsAccessDeniedAndForeignCredentialsAreRefused() {
        StsException denied = assertThrows(StsException.class, () -> sts.assumeRole(r -> r
                .roleArn("arn:aws:iam::333333333333:role/" + ROLE).roleSessionName("scim-bridge")));
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertEquals(403, denied.statusCode());
        try (IamClient notASession = SdkClients.iam(emulator.url(), StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAOUTSIDER", "x")))) {
            IamException e = assertThrows(IamException.class, notASession::listUsers);
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void theCredentialReportIsGeneratedThenReadAsCsv() {
        assertThrows(CredentialReportNotPresentException.class, prod::getCredentialReport);
        assertEquals(ReportStateType.STARTED, prod.generateCredentialReport().state());
        assertThrows(CredentialReportNotReadyException.class, prod::getCredentialReport);
        assertEquals(ReportStateType.COMPLETE, prod.generateCredentialReport().state());
        String csv = prod.getCredentialReport().content().asString(StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertEquals(String.join(",", CredentialReport.COLUMNS), lines.get(0));
        assertTrue(lines.get(1).startsWith("<root_account>,arn:aws:iam::111111111111:root,"));
        String alice = lines.get(2);
        assertTrue(alice.startsWith("alice,arn:aws:iam::111111111111:user/alice,"), alice);
        assertEquals("true", alice.split(",")[3], "password_enabled");
        assertEquals("true", alice.split(",")[8], "access_key_1_active");
        assertEquals("N/A", lines.get(3).split(",")[4], "bob has no password: password_last_used N/A");

        // a report younger than four hours is reused, stale or not
        prod.updateAccessKey(r -> r.userName("alice").accessKeyId("AKIAALICE0000000001").status(StatusType.INACTIVE));
        assertEquals(ReportStateType.COMPLETE, prod.generateCredentialReport().state());
        assertEquals("true", prod.getCredentialReport().content().asString(StandardCharsets.UTF_8)
                .lines().toList().get(2).split(",")[8]);
        emulator.accounts().advance(Duration.ofHours(5));
        assertEquals(ReportStateType.STARTED, prod.generateCredentialReport().state());
        assertEquals(ReportStateType.COMPLETE, prod.generateCredentialReport().state());
        assertEquals("false", prod.getCredentialReport().content().asString(StandardCharsets.UTF_8)
                .lines().toList().get(2).split(",")[8]);
    }

    @Test
    void keysCanBeDisabledAndTheirLastUseRead() {
        AccessKeyMetadata key = prod.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata().get(0);
        assertEquals(StatusType.ACTIVE, key.status());
        assertTrue(prod.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed().lastUsedDate() != null);
        prod.updateAccessKey(r -> r.userName("alice").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertEquals("Inactive", emulator.account(PROD).existingUser("alice").orElseThrow().keyStatus(key.accessKeyId()).orElseThrow());
        assertFalse(emulator.account(PROD).existingUser("alice").orElseThrow().useKey(key.accessKeyId(), Instant.now()),
                "an Inactive key cannot sign");
        emulator.account(PROD).user("bob", Duration.ZERO).accessKey("AKIABOB000000000001", null);
        var never = prod.getAccessKeyLastUsed(r -> r.accessKeyId("AKIABOB000000000001")).accessKeyLastUsed();
        assertNull(never.lastUsedDate());
        assertEquals("N/A", never.serviceName());
        assertThrows(NoSuchEntityException.class, () -> prod.getLoginProfile(r -> r.userName("bob")));
        assertEquals("alice", prod.getLoginProfile(r -> r.userName("alice")).loginProfile().userName());
    }

    @Test
    void deleteUserIsRefusedWhileAnythingIsAttached() {
        DeleteConflictException conflict = assertThrows(DeleteConflictException.class,
                () -> prod.deleteUser(r -> r.userName("alice")));
        assertEquals(409, conflict.statusCode());
        prod.deleteLoginProfile(r -> r.userName("alice"));
        prod.deleteAccessKey(r -> r.userName("alice").accessKeyId("AKIAALICE0000000001"));
        prod.deactivateMFADevice(r -> r.userName("alice").serialNumber("arn:aws:iam::111111111111:mfa/alice"));
        prod.deleteSigningCertificate(r -> r.userName("alice").certificateId("CERT1"));
        prod.deleteSSHPublicKey(r -> r.userName("alice").sshPublicKeyId("APKA1"));
        prod.deleteServiceSpecificCredential(r -> r.userName("alice").serviceSpecificCredentialId("ACCA1"));
        prod.removeUserFromGroup(r -> r.userName("alice").groupName("admins"));
        prod.detachUserPolicy(r -> r.userName("alice").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertEquals(List.of("extra"), prod.listUserPolicies(r -> r.userName("alice")).policyNames());
        assertThrows(DeleteConflictException.class, () -> prod.deleteUser(r -> r.userName("alice")));
        prod.deleteUserPolicy(r -> r.userName("alice").policyName("extra"));
        prod.deleteUser(r -> r.userName("alice"));
        assertThrows(NoSuchEntityException.class, () -> prod.deleteUser(r -> r.userName("alice")));
        assertThrows(NoSuchEntityException.class, () -> prod.listAccessKeys(r -> r.userName("alice")));
    }

    @Test
    void throttlingIsRetriedByTheSdkOrReachesACallerWithoutRetries() {
        emulator.iamFaults().throttleNext(1, Duration.ZERO);
        assertEquals(3, prod.listUsers().users().size());
        assertEquals(List.of(400, 200), emulator.iamLog().entries("ListUsers").stream().map(e -> e.status()).toList());
        emulator.iamFaults().failNext(1, 500);
        assertEquals(3, prod.listUsers().users().size(), "ServiceFailure (500) is retried too");
        assertEquals(List.of(400, 200, 500, 200), emulator.iamLog().entries("ListUsers").stream().map(e -> e.status()).toList());
        Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + PROD + ":role/" + ROLE).roleSessionName("once")).credentials();
        emulator.iamFaults().throttleNext(1, Duration.ZERO);
        try (IamClient once = SdkClients.iamWithoutRetries(emulator.url(), StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))) {
            IamException e = assertThrows(IamException.class, once::listUsers);
            assertEquals("Throttling", e.awsErrorDetails().errorCode());
            assertTrue(e.isThrottlingException());
        }
    }
}
