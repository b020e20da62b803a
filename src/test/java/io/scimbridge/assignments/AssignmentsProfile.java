package io.scimbridge.assignments;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;
import io.scimbridge.testing.scenario.RulesFiles;

/**
 * The emulated Identity Center, plus a rules file with an assignments section and a short
 * assignment tick: account assignments follow the groups the IdP creates and deletes.
 */
public class AssignmentsProfile extends EmulatedIdentityCenterProfile {

    static final String RULES = """
            assignments:
              - name: platform-admins
                groups: [aws-platform-admins]
                permissionSets: [AdministratorAccess]
                accounts: ['111111111111', '222222222222']
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.rules-file", RulesFiles.write("scim-bridge-assignments", RULES).toString());
        config.put("bridge.assignments.check-interval", "1s");
        return config;
    }
}
