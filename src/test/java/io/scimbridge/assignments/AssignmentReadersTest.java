package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.aws.emulator.OrganizationTree;
import io.scimbridge.aws.emulator.SdkClients;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/** OrganizationReader and AssignmentReader through the real SDK clients, against the emulators on one endpoint. */
class AssignmentReadersTest {

    private static AwsEmulators aws;
    private SsoAdminClient sso;
    private OrganizationsClient organizations;

    @BeforeAll
    static void start() {
        aws = AwsEmulators.start();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @BeforeEach
    void clients() {
        aws.reset();
        sso = SdkClients.ssoAdmin(aws.identityStore().url());
        organizations = SdkClients.organizations(aws.identityStore().url());
    }

    @AfterEach
    void close() {
        sso.close();
        organizations.close();
    }

    @Test
    void organizationReaderWalksTheTreeWithPathsTagsAndStates() {
        OrganizationTree tree = aws.organizations().tree();
        String workloads = tree.seedOrganizationalUnit(tree.rootId(), "workloads");
        String prod = tree.seedOrganizationalUnit(workloads, "prod");
        for (int i = 0; i < 5; i++) {
            tree.seedAccount("33333333333" + i, "prod-" + i, prod, OrganizationTree.AccountState.ACTIVE,
                    Map.of("env", "prod", "n", Integer.toString(i)));
        }
        tree.seedAccount("222222222222", "old", workloads, OrganizationTree.AccountState.SUSPENDED, Map.of());
        aws.organizations().defaultPageSize(2);

        Organization org = new OrganizationReader(organizations).read(true);

        assertEquals(tree.managementAccountId(), org.managementAccountId());
        assertEquals(7, org.accounts().size());
        Organization.Account prod3 = org.account("333333333333").orElseThrow();
        assertEquals(List.of(tree.rootId(), workloads, prod), prod3.path());
        assertEquals(Map.of("env", "prod", "n", "3"), prod3.tags());
        assertEquals(AccountStatus.SUSPENDED, org.account("222222222222").orElseThrow().status());
        assertEquals(6, org.accountsBelow(workloads).size());
        assertEquals("prod", org.unit(prod).orElseThrow().name());
        assertTrue(aws.organizations().requestLog().count("ListAccountsForParent") >= 4, "paginated");

        Organization withoutTags = new OrganizationReader(organizations).read(false);
        assertEquals(Map.of(), withoutTags.account("333333333333").orElseThrow().tags());
    }

    @Test
    void assignmentReaderReadsPermissionSetsAndTheAssignmentsOfTheTargets() {
        SsoAdminEmulator emulator = aws.ssoAdmin();
        AssignmentReader.Instance instance = AssignmentReader.discoverInstance(sso);
        assertEquals(emulator.instanceArn(), instance.instanceArn());
        assertEquals(aws.identityStore().identityStoreId(), instance.identityStoreId());

        String admin = emulator.seedPermissionSet("AdministratorAccess", "PT2H");
        String readOnly = emulator.seedPermissionSet("ReadOnlyAccess");
        emulator.seedPermissionSet("Unused");
        String ops = aws.scim().seedGroup("ops").id();
        String devs = aws.scim().seedGroup("devs").id();
        for (int i = 0; i < 3; i++) {
            String account = "11111111111" + i;
            emulator.seedAssignment(admin, account, "GROUP", ops);
            emulator.seedAssignment(readOnly, account, "GROUP", devs);
        }
        emulator.seedAssignment(readOnly, "111111111110", "USER", "0123456789-00000000-0000-0000-0000-000000000001");

        AssignmentReader reader = new AssignmentReader(sso, instance.instanceArn());
        Map<String, AssignmentReader.PermissionSetInfo> sets = reader.permissionSets();
        assertEquals(Set.of("AdministratorAccess", "ReadOnlyAccess", "Unused"), sets.keySet());
        assertEquals("PT2H", sets.get("AdministratorAccess").sessionDuration());

        Set<Assignment> actual = reader.read(Set.of(new Assignment.Target(readOnly, "111111111110"),
                new Assignment.Target(admin, "111111111112"), new Assignment.Target(admin, "444444444444")));
        assertEquals(Set.of(Assignment.group(readOnly, "111111111110", devs),
                new Assignment(readOnly, "111111111110", PrincipalType.USER, "0123456789-00000000-0000-0000-0000-000000000001"),
                Assignment.group(admin, "111111111112", ops)), actual);
        assertEquals(2, emulator.requestLog().count("ListAccountAssignments"),
                "444444444444 is skipped: AdministratorAccess is not provisioned there");
    }

    @Test
    void aPermissionSetDeletedInTheConsoleHoldsNoAssignmentAndTheOthersAreStillRead() {
        SsoAdminEmulator emulator = aws.ssoAdmin();
        String readOnly = emulator.seedPermissionSet("ReadOnlyAccess");
        String devs = aws.scim().seedGroup("devs").id();
        emulator.seedAssignment(readOnly, "111111111110", "GROUP", devs);
        String deleted = readOnly.replaceAll("ps-[0-9a-f]+$", "ps-0000000000000000");
        AssignmentReader reader = new AssignmentReader(sso, AssignmentReader.discoverInstance(sso).instanceArn());

        Set<Assignment> actual = reader.read(Set.of(new Assignment.Target(readOnly, "111111111110"),
                new Assignment.Target(deleted, "111111111110")));

        assertEquals(Set.of(Assignment.group(readOnly, "111111111110", devs)), actual);
    }
}
