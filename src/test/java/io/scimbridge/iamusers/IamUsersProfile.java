package io.scimbridge.iamusers;

import java.util.HashMap;
import java.util.Map;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;
import io.scimbridge.testing.scenario.RulesFiles;

/**
 * The emulated Identity Center and organisation, with IAM user retirement on in mode apply: the
 * member-account role {@value #ROLE}, a break-glass user kept, "x-admin" IAM users linked to
 * x@example.com, and no waiting (report polls every 10 ms, no pacing).
 */
public class IamUsersProfile extends EmulatedIdentityCenterProfile {

    static final String ROLE = "scim-bridge-iam-users";

    static final String RULES = """
            iamUsers:
              match:
                - iamUser: '(?<name>[a-z]+)-admin'
                  person: '${name}@example.com'
              keep: [break-glass]
              retire:
                after: 14d
                quietPeriod: 30d
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.rules-file", RulesFiles.write("scim-bridge-iam-users", RULES).toString());
        config.put("bridge.iam-users.role-name", ROLE);
        config.put("bridge.iam-users.mode", "apply");
        config.put("bridge.iam-users.report-poll-interval", "10ms");
        config.put("bridge.iam-users.requests-per-second", "0");
        config.put("bridge.iam-users.refresh-interval", "24h");
        return config;
    }
}
