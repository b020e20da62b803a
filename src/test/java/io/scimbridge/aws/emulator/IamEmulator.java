package io.scimbridge.aws.emulator;

import io.scimbridge.identitycenter.emulator.FaultInjector;
import io.scimbridge.identitycenter.emulator.RequestLog;

/**
 * STS (AssumeRole) and IAM (the user inventory and retirement actions) over the AWS query
 * protocol, per account: a test seeds {@link #accounts()} (roles, users and what hangs on them),
 * the bridge assumes a role in each account through STS and calls IAM with the session, which is
 * how the emulator knows the account. Either on its own server ({@link #start()}) or on the
 * Identity Store emulator's endpoint ({@link AwsEmulators}), so one
 * {@code bridge.aws.endpoint-override} serves every client.
 *
 * <p>Throttling ({@link #iamFaults()}, {@link #stsFaults()}: {@code throttleNext}) answers
 * {@code Throttling} (HTTP 400, "Rate exceeded"), which the SDK retries as a throttling error.
 */
public final class IamEmulator implements AutoCloseable {

    private final IamAccounts accounts = new IamAccounts();
    private final IamOperations iam = new IamOperations(accounts);
    private final StsOperations sts = new StsOperations(accounts);
    private final FaultInjector iamFaults = new FaultInjector();
    private final FaultInjector stsFaults = new FaultInjector();
    private final RequestLog iamLog = new RequestLog();
    private final RequestLog stsLog = new RequestLog();
    private AwsJsonServer server;
    private String url;

    private IamEmulator() {
    }

    /** On its own loopback server, free port. */
    public static IamEmulator start() {
        IamEmulator emulator = new IamEmulator();
        AwsQueryRouter router = new AwsQueryRouter();
        router.mount(emulator.iam, emulator.iamFaults, emulator.iamLog);
        router.mount(emulator.sts, emulator.stsFaults, emulator.stsLog);
        emulator.server = AwsJsonServer.start(0, router, "IAM/STS");
        emulator.url = emulator.server.url();
        return emulator;
    }

    static IamEmulator mountedOn(IdentityStoreEmulator identityStore) {
        IamEmulator emulator = new IamEmulator();
        identityStore.mountQuery(emulator.iam, emulator.iamFaults, emulator.iamLog);
        identityStore.mountQuery(emulator.sts, emulator.stsFaults, emulator.stsLog);
        emulator.url = identityStore.url();
        return emulator;
    }

    public String url() {
        return url;
    }

    public IamAccounts accounts() {
        return accounts;
    }

    /** Shorthand for {@code accounts().account(id)}. */
    public IamAccount account(String accountId) {
        return accounts.account(accountId);
    }

    public FaultInjector iamFaults() {
        return iamFaults;
    }

    public FaultInjector stsFaults() {
        return stsFaults;
    }

    /** IAM requests by action (ListUsers, DeleteUser, ...). */
    public RequestLog iamLog() {
        return iamLog;
    }

    public RequestLog stsLog() {
        return stsLog;
    }

    /** Page size of IAM lists when the caller gives no MaxItems (AWS: 100). */
    public void defaultPageSize(int size) {
        iam.defaultPageSize(size);
    }

    /** Forgets every account and session, disarms faults, clears the logs, puts the clock back. */
    public void reset() {
        accounts.reset();
        iam.defaultPageSize(100);
        iamFaults.reset();
        stsFaults.reset();
        iamLog.clear();
        stsLog.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
