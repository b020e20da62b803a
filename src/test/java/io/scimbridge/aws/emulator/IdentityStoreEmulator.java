package io.scimbridge.aws.emulator;

import com.sun.net.httpserver.HttpServer;
import io.scimbridge.identitycenter.emulator.FaultInjector;
import io.scimbridge.identitycenter.emulator.IdentityCenterState;
import io.scimbridge.identitycenter.emulator.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server emulating the AWS Identity Store API (AWS JSON 1.1) over the same
 * {@link IdentityCenterState} as the SCIM emulator, so what the bridge writes through SCIM, and what
 * a test changes "directly in AWS", is what the real {@code IdentitystoreClient} reads back. Point
 * the SDK at {@link #url()} with {@code endpointOverride}, any region and static credentials.
 */
public final class IdentityStoreEmulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final IdentityCenterState state;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log = new RequestLog();
    private final AwsJsonRouter router;

    private IdentityStoreEmulator(IdentityCenterState state, int port) {
        this.state = state;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind Identity Store emulator to port " + port, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        router = new AwsJsonRouter(new IdentityStoreOperations(state), faults, log);
        server.createContext("/", router);
        server.start();
    }

    /** Starts on a free port over {@code state}. */
    public static IdentityStoreEmulator start(IdentityCenterState state) {
        return start(state, 0);
    }

    public static IdentityStoreEmulator start(IdentityCenterState state, int port) {
        return new IdentityStoreEmulator(state, port);
    }

    /** The endpoint to give the SDK's {@code endpointOverride}: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String identityStoreId() {
        return state.identityStoreId();
    }

    public IdentityCenterState state() {
        return state;
    }

    /** Throttling here answers ThrottlingException (HTTP 400, as modelled) with RetryAfterSeconds. */
    public FaultInjector faults() {
        return faults;
    }

    /** Requests by operation name (ListUsers, GetUserId, ...); the Authorization header is never kept. */
    public RequestLog requestLog() {
        return log;
    }

    /** Serves another AWS JSON service (SSO Admin, Organizations) on this endpoint too. */
    void mount(AwsJsonService service, FaultInjector faults, RequestLog log) {
        router.mount(service, faults, log);
    }

    /** Serves a query-protocol service (IAM, STS) on this endpoint too. */
    void mountQuery(AwsQueryService service, FaultInjector faults, RequestLog log) {
        router.mountQuery(service, faults, log);
    }

    /** Disarms faults and clears the log (the store is reset through the SCIM emulator or state). */
    public void reset() {
        faults.reset();
        log.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Same as {@link AwsEmulators#main}: the Identity Store API is only useful with the SCIM side feeding it. */
    public static void main(String[] args) throws InterruptedException {
        AwsEmulators.main(args);
    }
}
