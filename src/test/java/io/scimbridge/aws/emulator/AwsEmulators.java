package io.scimbridge.aws.emulator;

import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.IdentityCenterState;
import io.scimbridge.identitycenter.emulator.LaunchOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The Identity Center SCIM emulator and the Identity Store API emulator over one shared store: the
 * pair the bridge talks to. Also the standalone launcher for benchmarks.
 *
 * <p>The SSO Admin, Organizations and IAM/STS emulators are mounted on the Identity Store emulator's
 * endpoint (one {@code bridge.aws.endpoint-override} for every SDK client): SSO Admin principals are
 * the shared store's groups and users, its target accounts those of {@link #organizations()}.
 */
public final class AwsEmulators implements AutoCloseable {

    /** Config keys the bridge reads; values from {@link #bridgeConfig()}. */
    public static final String SCIM_URL = "bridge.identity-center.scim-url";
    public static final String SCIM_TOKEN = "bridge.identity-center.scim-token";
    public static final String IDENTITY_STORE_ID = "bridge.identity-center.identity-store-id";
    public static final String AWS_ENDPOINT_OVERRIDE = "bridge.aws.endpoint-override";
    public static final String AWS_REGION = "bridge.aws.region";

    private final IdentityCenterScimEmulator scim;
    private final IdentityStoreEmulator identityStore;
    private final String region;
    private final OrganizationsEmulator organizations;
    private final SsoAdminEmulator ssoAdmin;
    private final IamEmulator iam;

    private AwsEmulators(IdentityCenterScimEmulator scim, IdentityStoreEmulator identityStore, String region) {
        this.scim = scim;
        this.identityStore = identityStore;
        this.region = region;
        this.organizations = OrganizationsEmulator.mountedOn(identityStore,
                new OrganizationTree(OrganizationsEmulator.DEFAULT_MANAGEMENT_ACCOUNT));
        this.ssoAdmin = SsoAdminEmulator.mountedOn(identityStore, organizations.tree());
        this.iam = IamEmulator.mountedOn(identityStore);
    }

    public static AwsEmulators start() {
        return start(LaunchOptions.defaults());
    }

    public static AwsEmulators start(LaunchOptions options) {
        IdentityCenterState state = options.newState();
        IdentityCenterScimEmulator scim = IdentityCenterScimEmulator.start(options, state);
        try {
            return new AwsEmulators(scim, IdentityStoreEmulator.start(state, options.awsPort()), options.region());
        } catch (RuntimeException e) {
            scim.close();
            throw e;
        }
    }

    public IdentityCenterScimEmulator scim() {
        return scim;
    }

    public IdentityStoreEmulator identityStore() {
        return identityStore;
    }

    /** SSO Admin on the same endpoint as the Identity Store API. */
    public SsoAdminEmulator ssoAdmin() {
        return ssoAdmin;
    }

    /** Organizations on the same endpoint as the Identity Store API. */
    public OrganizationsEmulator organizations() {
        return organizations;
    }

    /** STS and IAM (query protocol) on the same endpoint as the Identity Store API. */
    public IamEmulator iam() {
        return iam;
    }

    public IdentityCenterState state() {
        return scim.state();
    }

    public String region() {
        return region;
    }

    /** The bridge's configuration pointing at these emulators. */
    public Map<String, String> bridgeConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(SCIM_URL, scim.url());
        config.put(SCIM_TOKEN, scim.token());
        config.put(IDENTITY_STORE_ID, scim.identityStoreId());
        config.put(AWS_ENDPOINT_OVERRIDE, identityStore.url());
        config.put(AWS_REGION, region);
        return config;
    }

    /** Empties the stores and disarms faults / clears logs on every emulator. */
    public void reset() {
        scim.reset();
        identityStore.reset();
        ssoAdmin.reset();
        organizations.reset();
        iam.reset();
    }

    @Override
    public void close() {
        try {
            identityStore.close();
        } finally {
            scim.close();
        }
    }

    /**
     * {@code [--scim-port N] [--aws-port N] [--tenant T] [--token T] [--identity-store-id d-...]
     * [--region R]}: prints the bridge's configuration as {@code key=value} lines, then runs until
     * killed.
     */
    public static void main(String[] args) throws InterruptedException {
        AwsEmulators emulators = start(LaunchOptions.fromArgs(args));
        Runtime.getRuntime().addShutdownHook(new Thread(emulators::close));
        emulators.bridgeConfig().forEach((key, value) -> System.out.println(key + "=" + value));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
