package io.scimbridge.revocation;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import io.scimbridge.testing.scenario.RulesFiles;

/**
 * The emulated Identity Center and SSO Admin, session revocation in mode permission-sets, and
 * assignment rules of which one asks for {@code revokeOnGroupRemoval}: AdministratorAccess through
 * aws-admins (revoked on removal) or aws-break-glass (not), ReadOnlyAccess through aws-readers (not).
 */
public class GroupRemovalRevocationProfile extends PermissionSetRevocationProfile {

    static final String WORKLOAD = "222222222222";

    static final String RULES = """
            assignments:
              - name: admins
                groups: [aws-admins]
                permissionSets: [AdministratorAccess]
                accounts: ['222222222222']
                revokeOnGroupRemoval: true
              - name: break-glass
                groups: [aws-break-glass]
                permissionSets: [AdministratorAccess]
                accounts: ['222222222222']
              - name: readers
                groups: [aws-readers]
                permissionSets: [ReadOnlyAccess]
                accounts: ['222222222222']
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.rules-file", RulesFiles.write("scim-bridge-group-removal", RULES).toString());
        config.put("bridge.assignments.check-interval", "1s");
        return config;
    }
}
