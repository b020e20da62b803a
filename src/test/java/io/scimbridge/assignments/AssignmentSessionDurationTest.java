package io.scimbridge.assignments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.aws.emulator.SdkClients;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import io.scimbridge.rules.AssignmentRules;
import io.scimbridge.rules.RulesYaml;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/** The permissionSets section: only listed sets change, and the change is provisioned to the accounts. */
class AssignmentSessionDurationTest {

    private static SsoAdminEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = SsoAdminEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void listedSessionDurationsAreUpdatedAndProvisionedOthersLeftAlone() {
        String admin = emulator.seedPermissionSet("AdministratorAccess", "PT8H");
        String readOnly = emulator.seedPermissionSet("ReadOnlyAccess", "PT8H");
        String power = emulator.seedPermissionSet("PowerUserAccess", "PT60M");
        emulator.seedAssignment(admin, "111111111111", "GROUP", "0123456789-00000000-0000-0000-0000-000000000001");
        emulator.seedAssignment(admin, "222222222222", "GROUP", "0123456789-00000000-0000-0000-0000-000000000001");
        emulator.completeAfterPolls(2);
        AssignmentRules rules = RulesYaml.rules("""
                permissionSets:
                  AdministratorAccess: { sessionDuration: PT1H }
                  PowerUserAccess: { sessionDuration: PT1H }
                  Missing: { sessionDuration: PT2H }
                """);
        try (SsoAdminClient client = SdkClients.ssoAdmin(emulator.url())) {
            Map<String, AssignmentReader.PermissionSetInfo> current =
                    new AssignmentReader(client, emulator.instanceArn()).permissionSets();
            PermissionSetUpdater.Changes changes = PermissionSetUpdater.plan(rules, current);
            assertEquals(List.of(new PermissionSetUpdater.SessionDurationChange("AdministratorAccess", admin, "PT8H", "PT1H")),
                    changes.changes(), "PT60M already is PT1H; ReadOnlyAccess is not listed");
            assertEquals(List.of("Missing"), changes.unknown());

            List<PermissionSetUpdater.Result> results = new PermissionSetUpdater(client, emulator.instanceArn(),
                    AssignmentApplier.Settings.defaults().withPolling(Duration.ofMillis(2), Duration.ofMillis(10)))
                    .apply(changes.changes());
            assertTrue(results.get(0).succeeded(), results::toString);
        }
        assertEquals("PT1H", emulator.sessionDuration(admin).orElseThrow());
        assertEquals(Map.of("111111111111", "PT1H", "222222222222", "PT1H"), emulator.provisionedAccounts(admin));
        assertEquals("PT8H", emulator.sessionDuration(readOnly).orElseThrow());
        assertEquals("PT60M", emulator.sessionDuration(power).orElseThrow());
    }
}
