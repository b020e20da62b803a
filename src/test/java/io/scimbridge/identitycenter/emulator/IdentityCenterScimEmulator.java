package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server speaking IAM Identity Center's SCIM dialect at
 * {@code http://127.0.0.1:<port>/<tenant>/scim/v2/}, refusing what AWS refuses (see
 * {@link UserValidator}, {@link UserPatcher}, {@link GroupHandler}, {@link ScimFilter},
 * {@link ScimListing}). Use it from plain JUnit ({@link #start()}), from {@code @QuarkusTest}
 * through {@code io.scimbridge.aws.emulator.AwsEmulatorsResource}, or as a process ({@link #main}).
 *
 * <p>Tests inspect and change the store directly (users, groups, seeding), inject faults
 * (throttling with Retry-After, 5xx, dropped connections, delays, a rate limit, an outage) and read
 * the request log. Thread-safe throughout.
 */
public final class IdentityCenterScimEmulator implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final String tenantId;
    private final String token;
    private final IdentityCenterState state;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log = new RequestLog();
    private final Creations creations = new Creations();

    private IdentityCenterScimEmulator(LaunchOptions options, IdentityCenterState state) {
        this.tenantId = options.tenantId();
        this.token = options.token();
        this.state = state;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.scimPort()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind SCIM emulator to port " + options.scimPort(), e);
        }
        // Virtual threads: injected delays must not starve concurrent bridge workers.
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new ScimRouter(tenantId, token, state, faults, log).countingCreationsIn(creations));
        server.start();
    }

    /** Starts on a free port with a random tenant, token and identity store. */
    public static IdentityCenterScimEmulator start() {
        return start(LaunchOptions.defaults());
    }

    public static IdentityCenterScimEmulator start(LaunchOptions options) {
        return start(options, options.newState());
    }

    /** Starts over an existing store (shared with an {@code IdentityStoreEmulator}). */
    public static IdentityCenterScimEmulator start(LaunchOptions options, IdentityCenterState state) {
        return new IdentityCenterScimEmulator(options, state);
    }

    /** The SCIM endpoint as the AWS console shows it: {@code http://127.0.0.1:<port>/<tenant>/scim/v2/}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/" + tenantId + "/scim/v2/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String tenantId() {
        return tenantId;
    }

    /** The bearer token the emulator accepts. */
    public String token() {
        return token;
    }

    public String identityStoreId() {
        return state.identityStoreId();
    }

    /** The store, shared with the Identity Store API emulator; change it to simulate edits made in AWS. */
    public IdentityCenterState state() {
        return state;
    }

    // ---- fault injection (delegates to faults())

    public FaultInjector faults() {
        return faults;
    }

    public void throttleNext(int n, Duration retryAfter) {
        faults.throttleNext(n, retryAfter);
    }

    public void failNext(int n, int status) {
        faults.failNext(n, status);
    }

    public void dropNextConnections(int n) {
        faults.dropNextConnections(n);
    }

    public void delayResponses(Duration delay) {
        faults.delayResponses(delay);
    }

    public void setRateLimit(double requestsPerSecond) {
        faults.setRateLimit(requestsPerSecond);
    }

    public void outage(boolean on) {
        faults.outage(on);
    }

    // ---- inspection

    public List<StoredUser> users() {
        return state.users();
    }

    public List<StoredGroup> groups() {
        return state.groups();
    }

    /** Member user ids of a group. */
    public List<String> members(String groupId) {
        return state.members(groupId);
    }

    public Optional<StoredUser> user(String id) {
        return state.user(id);
    }

    public Optional<StoredUser> userByUserName(String userName) {
        return state.userByUserName(userName);
    }

    public Optional<StoredGroup> group(String id) {
        return state.group(id);
    }

    public Optional<StoredGroup> groupByDisplayName(String displayName) {
        return state.groupByDisplayName(displayName);
    }

    public RequestLog requestLog() {
        return log;
    }

    /** Requests seen for one operation: CreateUser, GetUser, ListUsers, PutUser, PatchUser, DeleteUser, CreateGroup, ... */
    public long operationCount(String operation) {
        return log.count(operation);
    }

    public Map<String, Long> operationCounts() {
        return log.counts();
    }

    /** Successful CreateUser / CreateGroup answers per lower-cased userName / displayName (never truncated). */
    public Map<String, Long> creations(String operation) {
        return creations.of(operation);
    }

    // ---- seeding ("created directly in AWS"), validated by the same rules as CreateUser

    public StoredUser seedUser(UserSeed seed) {
        ObjectNode user = Json.object();
        user.put("userName", seed.userName());
        user.put("displayName", seed.displayName());
        user.putObject("name").put("givenName", seed.givenName()).put("familyName", seed.familyName());
        if (seed.email() != null) {
            user.putArray("emails").addObject().put("value", seed.email()).put("type", "work").put("primary", true);
        }
        if (seed.externalId() != null) {
            user.put("externalId", seed.externalId());
        }
        user.put("active", seed.active());
        return seedUserJson(user.toString());
    }

    /** Seeds a user from SCIM JSON. @throws IllegalArgumentException if AWS would refuse it */
    public StoredUser seedUserJson(String scimJson) {
        ObjectNode body = Json.parseObject(scimJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        UserValidator validator = new UserValidator(id -> state.user(id).isPresent());
        try {
            return state.atomically(() -> state.insertUser(validator.normalize(body, UserValidator.Mode.CREATE)));
        } catch (ScimError e) {
            throw new IllegalArgumentException("AWS would refuse this user: " + e.reason(), e);
        }
    }

    public StoredGroup seedGroup(String displayName) {
        return seedGroup(displayName, null);
    }

    public StoredGroup seedGroup(String displayName, String externalId) {
        return state.insertGroup(displayName, externalId);
    }

    public void seedMember(String groupId, String userId) {
        state.addMember(groupId, userId);
    }

    /** Empties the store, disarms faults and clears the request log (between tests). */
    public void reset() {
        state.clear();
        faults.reset();
        log.clear();
        creations.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Standalone SCIM emulator for benchmarks: {@code [--scim-port N] [--tenant T] [--token T]
     * [--identity-store-id d-...]}. Prints {@code SCIM_URL=} and {@code SCIM_TOKEN=} lines, then
     * runs until killed. To get the Identity Store API too, run {@code AwsEmulators} instead.
     */
    public static void main(String[] args) throws InterruptedException {
        IdentityCenterScimEmulator emulator = start(LaunchOptions.fromArgs(args));
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println("SCIM_URL=" + emulator.url());
        System.out.println("SCIM_TOKEN=" + emulator.token());
        System.out.println("IDENTITY_STORE_ID=" + emulator.identityStoreId());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
