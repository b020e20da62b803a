package io.scimbridge.identitycenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        config.put("bridge.rules-file", rulesFile().toString());
        config.put("bridge.assignments.check-interval", "1s");
        return config;
    }

    private static Path rulesFile() {
        try {
            Path file = Files.createTempFile("scim-bridge-group-removal", ".yaml");
            Files.writeString(file, RULES);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
