package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.aws.emulator.InjectAwsEmulators;
import io.scimbridge.aws.emulator.OrganizationTree;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import io.scimbridge.aws.emulator.SsoAssignment;
import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.RulesYaml;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service in the running bridge, against the emulated AWS on the bridge's one endpoint
 * override: rules to plan to applied assignments, recorded as managed in the store (migration V3),
 * and taken away again when the group goes.
 */
@QuarkusTest
@TestProfile(EmulatedIdentityCenterProfile.class)
class AssignmentServiceTest {

    private static final String RULES = """
            assignments:
              - name: platform-admins
                groups: [aws-platform-admins]
                permissionSets: [AdministratorAccess]
                accounts: ['111111111111', '222222222222']
            permissionSets:
              AdministratorAccess: { sessionDuration: PT2H }
            """;

    @InjectAwsEmulators
    AwsEmulators aws;

    @Inject
    AssignmentService service;

    @Inject
    ManagedAssignmentStore store;

    private SsoAdminEmulator sso;
    private String admin;
    private final Map<String, String> previousCredentials = new java.util.HashMap<>();

    /** The SDK's default credential chain reads these; the emulators accept any. */
    private void credentials(boolean present) {
        for (String key : List.of("aws.accessKeyId", "aws.secretAccessKey")) {
            previousCredentials.putIfAbsent(key, System.getProperty(key));
            if (present) {
                System.setProperty(key, "assignment-test");
            } else {
                System.clearProperty(key);
            }
        }
    }

    @AfterEach
    void restoreCredentials() {
        previousCredentials.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        previousCredentials.clear();
    }

    @BeforeEach
    void emptyAws() {
        credentials(true);
        sso = aws.ssoAdmin();
        sso.reset();
        aws.organizations().reset();
        store.forget(sso.instanceArn(), store.all(sso.instanceArn()).keySet());
        OrganizationTree tree = aws.organizations().tree();
        tree.seedAccount("111111111111", "shared", tree.rootId());
        tree.seedAccount("222222222222", "workload", tree.rootId());
        admin = sso.seedPermissionSet("AdministratorAccess", "PT8H");
    }

    @Test
    void rulesArePlannedAppliedRecordedAndUndoneWhenTheGroupGoes() {
        String groupId = aws.state().insertGroup("aws-platform-admins-" + System.nanoTime(), null).id();
        List<GroupRef> groups = new ArrayList<>(List.of(new GroupRef("aws-platform-admins", groupId)));
        String otherGroup = aws.state().insertGroup("by-hand-" + System.nanoTime(), null).id();
        sso.seedAssignment(admin, "111111111111", "GROUP", otherGroup);
        AssignmentRules rules = RulesYaml.rules(RULES);

        AssignmentService.PlanResult planned = service.plan(rules, groups);
        assertTrue(planned.applicable(), planned.notes()::toString);
        assertEquals(sso.instanceArn(), planned.instanceArn());
        assertEquals(2, planned.plan().creates().size(), planned.plan().render());
        assertEquals(1, planned.plan().unmanaged().size());
        assertEquals(1, planned.sessionDurations().changes().size());

        AssignmentService.ApplyOutcome outcome = service.apply(planned);
        assertEquals(2, outcome.assignments().succeeded().size());
        assertEquals(Set.of("111111111111", "222222222222"), accountsOf(groupId));
        assertEquals("PT2H", sso.provisionedAccounts(admin).get("111111111111"), "session duration provisioned");
        assertEquals(Set.of("platform-admins"), Set.copyOf(store.all(sso.instanceArn()).values()));
        AssignmentService.PlanResult again = service.plan(rules, groups);
        assertEquals(0, again.plan().creates().size() + again.plan().deletes().size(), again.plan().render());
        assertEquals(2, again.plan().unchanged());

        groups.clear();
        aws.state().deleteGroup(groupId);
        AssignmentService.PlanResult gone = service.plan(rules, groups);
        assertEquals(2, gone.plan().deletes().size(), gone.plan().render());
        assertEquals("the group is no longer in Identity Center", gone.plan().deletes().get(0).reason());
        service.apply(gone);
        assertEquals(Set.of(), accountsOf(groupId));
        assertEquals(Map.of(), store.all(sso.instanceArn()));
        assertEquals(1, sso.assignments().size(), "the assignment made by hand is untouched");
    }

    @Test
    void withoutCredentialsThePlanComesFromWhatIsKnownAndApplyRefuses() {
        credentials(false);
        List<GroupRef> groups = List.of(new GroupRef("aws-platform-admins", "0123456789-00000000-0000-0000-0000-000000000001"));
        AssignmentService.PlanResult planned = service.plan(RulesYaml.rules(RULES), groups);
        assertTrue(!planned.applicable());
        assertTrue(planned.notes().stream().anyMatch(n -> n.startsWith("Organizations not readable")), planned.notes()::toString);
        assertTrue(planned.plan().findings().contains(new Finding.UnknownPermissionSet("platform-admins", "AdministratorAccess")));
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> service.apply(planned));
        assertTrue(refused.getMessage().startsWith("assignments apply is not configured"));
    }

    private Set<String> accountsOf(String groupId) {
        return sso.assignments().stream().filter(a -> a.principalId().equals(groupId)).map(SsoAssignment::accountId)
                .collect(Collectors.toSet());
    }
}
