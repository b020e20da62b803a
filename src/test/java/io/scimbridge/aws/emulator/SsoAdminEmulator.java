package io.scimbridge.aws.emulator;

import io.scimbridge.identitycenter.emulator.FaultInjector;
import io.scimbridge.identitycenter.emulator.IdentityCenterState;
import io.scimbridge.identitycenter.emulator.RequestLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM Identity Center's SSO Admin API (AWS JSON 1.1, {@code X-Amz-Target: SWBExternalService.*})
 * for one instance: permission sets, account assignments with AWS's asynchronous request flow and
 * its limit of 10 outstanding assignment requests, and permission set provisioning. Point the real
 * {@code SsoAdminClient} at {@link #url()}.
 *
 * <p>Principals (group and user ids) are those of the {@link IdentityCenterState} when there is one
 * (mounted with the other emulators by {@link AwsEmulators}), plus any {@linkplain #seedPrincipal
 * seeded}; target accounts are those of the {@link OrganizationTree} when there is one, plus any
 * {@linkplain #seedAccount seeded} (ACTIVE). See {@link SsoAdminState} for the asynchronous model.
 *
 * <p>Throttling: {@link #faults()} (throttleNext, setRateLimit: AWS documents 20 requests/second
 * shared by the Identity Center APIs) answers ThrottlingException; the outstanding-request limit
 * answers ThrottlingException by default ({@link #outstandingLimit}).
 */
public final class SsoAdminEmulator implements AutoCloseable {

    /** The management account that owns an instance created without an organisation. */
    public static final String DEFAULT_OWNER_ACCOUNT = "999999999999";

    /** One asynchronous assignment request as the emulator saw it. */
    public record Operation(String requestId, String kind, SsoAssignment assignment, String status,
                            String failureReason, int polls) {
    }

    private final SsoAdminState state;
    private final SsoAdminOperations operations;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log = new RequestLog();
    private AwsJsonServer server;
    private String url;

    private SsoAdminEmulator(SsoAdminState state) {
        this.state = state;
        this.operations = new SsoAdminOperations(state);
    }

    /** On its own server (free port); principals and accounts must be seeded. */
    public static SsoAdminEmulator start() {
        return start(null, null, 0);
    }

    /**
     * On its own server over existing identities and organisation (either may be null).
     */
    public static SsoAdminEmulator start(IdentityCenterState identities, OrganizationTree organization, int port) {
        SsoAdminEmulator emulator = new SsoAdminEmulator(newState(identities, organization));
        emulator.server = AwsJsonServer.start(port, new AwsJsonRouter(emulator.operations, emulator.faults, emulator.log),
                "SSO Admin");
        emulator.url = emulator.server.url();
        return emulator;
    }

    /** Served by the Identity Store emulator's endpoint, over its identities. */
    static SsoAdminEmulator mountedOn(IdentityStoreEmulator identityStore, OrganizationTree organization) {
        SsoAdminEmulator emulator = new SsoAdminEmulator(newState(identityStore.state(), organization));
        identityStore.mount(emulator.operations, emulator.faults, emulator.log);
        emulator.url = identityStore.url();
        return emulator;
    }

    private static SsoAdminState newState(IdentityCenterState identities, OrganizationTree organization) {
        String owner = organization != null ? organization.managementAccountId() : DEFAULT_OWNER_ACCOUNT;
        String storeId = identities != null ? identities.identityStoreId() : "d-0000000000";
        return new SsoAdminState(owner, storeId, identities, organization);
    }

    public String url() {
        return url;
    }

    public String instanceArn() {
        return state.instanceArn();
    }

    public String identityStoreId() {
        return state.identityStoreId();
    }

    // ---- seeding

    /** A permission set with the default session duration (PT1H); returns its ARN. */
    public String seedPermissionSet(String name) {
        return state.seedPermissionSet(name, SsoAdminState.DEFAULT_SESSION_DURATION);
    }

    public String seedPermissionSet(String name, String sessionDuration) {
        SsoAdminState.checkSessionDuration(sessionDuration);
        return state.seedPermissionSet(name, sessionDuration);
    }

    /** A GROUP or USER id that exists, for an emulator without an identity store. */
    public void seedPrincipal(String principalType, String principalId) {
        state.seedPrincipal(principalType, principalId);
    }

    /** An ACTIVE target account, for an emulator without an organisation. */
    public void seedAccount(String accountId) {
        state.seedAccount(accountId);
    }

    /** An assignment made by hand (in the console, by another tool): present at once. */
    public void seedAssignment(String permissionSetArn, String accountId, String principalType, String principalId) {
        state.seedAssignment(new SsoAssignment(permissionSetArn, accountId, principalType, principalId));
    }

    // ---- asynchronous behaviour

    /** A request completes when polled for the {@code polls}-th time (default 1: the first poll). */
    public void completeAfterPolls(int polls) {
        state.pollsToComplete(polls);
    }

    /** While held, requests stay IN_PROGRESS whatever the polls; {@link #tick()} completes them. */
    public void hold(boolean on) {
        state.hold(on);
    }

    /** Completes every request in progress (the clock moved on). */
    public void tick() {
        state.tick();
    }

    /** How many assignment requests may be in progress (AWS: 10) and what exceeding it answers. */
    public void outstandingLimit(int limit, String errorType) {
        state.outstandingLimit(limit, errorType);
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return log;
    }

    // ---- inspection

    public List<SsoAssignment> assignments() {
        return state.assignments();
    }

    public List<SsoAssignment> assignments(String permissionSetArn, String accountId) {
        return state.assignments(permissionSetArn, accountId);
    }

    /** Assignment requests in progress now. */
    public int outstanding() {
        return state.outstanding();
    }

    /** The most assignment requests ever in progress at once since the last reset. */
    public int maxOutstanding() {
        return state.maxOutstanding();
    }

    /** How many CreateAccountAssignment requests were accepted, per assignment. */
    public Map<SsoAssignment, Integer> acceptedCreates() {
        return state.acceptedCreates();
    }

    public List<Operation> operations() {
        return state.operations().stream()
                .map(op -> new Operation(op.requestId, op.kind.name(), op.assignment, op.status, op.failureReason, op.polls))
                .toList();
    }

    /** The permission set's current session duration, if it exists. */
    public Optional<String> sessionDuration(String permissionSetArn) {
        return state.permissionSet(permissionSetArn).map(ps -> ps.sessionDuration);
    }

    /** Accounts where the permission set is provisioned, with the session duration provisioned there. */
    public Map<String, String> provisionedAccounts(String permissionSetArn) {
        return state.provisionedAccounts(permissionSetArn);
    }

    /** The permission set's inline policy as PutInlinePolicyToPermissionSet left it ("" for none). */
    public String inlinePolicy(String permissionSetArn) {
        return state.inlinePolicy(permissionSetArn);
    }

    /** An inline policy the operator wrote (in the console): in place at once, provisioned nowhere yet. */
    public void seedInlinePolicy(String permissionSetArn, String policy) {
        state.putInlinePolicy(permissionSetArn, policy);
    }

    /** Accounts where the permission set is provisioned, with the inline policy their role holds ("" for none). */
    public Map<String, String> provisionedInlinePolicies(String permissionSetArn) {
        return state.provisionedInlinePolicies(permissionSetArn);
    }

    /** Forgets permission sets, assignments, requests and seeds; disarms faults; clears the log. */
    public void reset() {
        state.reset();
        faults.reset();
        log.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
