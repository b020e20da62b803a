package io.scimbridge.aws.emulator;

import io.scimbridge.identitycenter.emulator.FaultInjector;
import io.scimbridge.identitycenter.emulator.RequestLog;

/**
 * AWS Organizations (AWS JSON 1.1, {@code X-Amz-Target: AWSOrganizationsV20161128.*}) over a seeded
 * {@link OrganizationTree}: roots, OUs, accounts with states and tags. Either on its own HTTP server
 * ({@link #start()}) or mounted on the Identity Store emulator's endpoint by {@link AwsEmulators}, so
 * that the bridge's one {@code bridge.aws.endpoint-override} serves every SDK client.
 *
 * <p>Service control policies ({@link #policies()}): CreatePolicy, UpdatePolicy, DescribePolicy,
 * DeletePolicy, AttachPolicy, DetachPolicy, ListPolicies, ListPoliciesForTarget,
 * ListTargetsForPolicy, and ListRoots with the enabled policy types, under AWS's limits
 * ({@link OrganizationPolicies}).
 *
 * <p>Throttling (fault injection or {@link FaultInjector#setRateLimit}) answers
 * TooManyRequestsException, the error Organizations uses for it.
 */
public final class OrganizationsEmulator implements AutoCloseable {

    /** The management account of a tree created without one. */
    public static final String DEFAULT_MANAGEMENT_ACCOUNT = "999999999999";

    private final OrganizationTree tree;
    private final OrganizationPolicies policies;
    private final OrganizationsOperations operations;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log = new RequestLog();
    private AwsJsonServer server;
    private String url;

    private OrganizationsEmulator(OrganizationTree tree) {
        this.tree = tree;
        this.policies = new OrganizationPolicies(tree);
        this.operations = new OrganizationsOperations(tree, policies);
    }

    /** On its own server (free port), over a new organisation. */
    public static OrganizationsEmulator start() {
        return start(new OrganizationTree(DEFAULT_MANAGEMENT_ACCOUNT), 0);
    }

    public static OrganizationsEmulator start(OrganizationTree tree, int port) {
        OrganizationsEmulator emulator = new OrganizationsEmulator(tree);
        emulator.server = AwsJsonServer.start(port, new AwsJsonRouter(emulator.operations, emulator.faults, emulator.log),
                "Organizations");
        emulator.url = emulator.server.url();
        return emulator;
    }

    /** Served by the Identity Store emulator's endpoint. */
    static OrganizationsEmulator mountedOn(IdentityStoreEmulator identityStore, OrganizationTree tree) {
        OrganizationsEmulator emulator = new OrganizationsEmulator(tree);
        identityStore.mount(emulator.operations, emulator.faults, emulator.log);
        emulator.url = identityStore.url();
        return emulator;
    }

    public String url() {
        return url;
    }

    public OrganizationTree tree() {
        return tree;
    }

    /** The service control policies and their attachments. */
    public OrganizationPolicies policies() {
        return policies;
    }

    public String rootId() {
        return tree.rootId();
    }

    public String managementAccountId() {
        return tree.managementAccountId();
    }

    /** Throttling answers TooManyRequestsException. */
    public FaultInjector faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return log;
    }

    /** Page size of list answers when the caller gives no MaxResults (1..20, default 20), and of tags. */
    public void defaultPageSize(int size) {
        operations.defaultPageSize(size);
    }

    /** Empties the tree (but for the management account), disarms faults, clears the log. */
    public void reset() {
        tree.reset();
        policies.reset();
        faults.reset();
        log.clear();
        operations.defaultPageSize(20);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
