package io.scimbridge.identitycenter.emulator;

import java.util.Map;
import java.util.UUID;

/**
 * How to start the emulators, shared by the standalone {@code main}s and the Quarkus test resource.
 * Ports 0 pick free ephemeral ports; a null identity store id is random.
 */
public record LaunchOptions(int scimPort, int awsPort, String tenantId, String token, String identityStoreId,
                            String region) {

    public static final String DEFAULT_REGION = "eu-west-1";

    /** Ephemeral ports, random tenant, token and identity store. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(0, 0, UUID.randomUUID().toString(), "emulator-" + UUID.randomUUID(), null,
                DEFAULT_REGION);
    }

    /**
     * From named values (Quarkus init args or command-line flags without the leading dashes):
     * scim-port, aws-port, tenant, token, identity-store-id, region.
     */
    public static LaunchOptions from(Map<String, String> values) {
        LaunchOptions d = defaults();
        return new LaunchOptions(
                Integer.parseInt(values.getOrDefault("scim-port", Integer.toString(d.scimPort()))),
                Integer.parseInt(values.getOrDefault("aws-port", Integer.toString(d.awsPort()))),
                values.getOrDefault("tenant", d.tenantId()),
                values.getOrDefault("token", d.token()),
                values.getOrDefault("identity-store-id", d.identityStoreId()),
                values.getOrDefault("region", d.region()));
    }

    /** {@code --scim-port 8081 --aws-port 8082 --token t ...}. */
    public static LaunchOptions fromArgs(String[] args) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--scim-port N] [--aws-port N] [--tenant T] [--token T]"
                        + " [--identity-store-id d-0123456789] [--region R]; got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return from(values);
    }

    public IdentityCenterState newState() {
        return identityStoreId == null ? new IdentityCenterState() : new IdentityCenterState(identityStoreId);
    }
}
