package io.scimbridge.bench;

import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.StoredGroup;
import io.scimbridge.identitycenter.emulator.StoredUser;
import io.scimbridge.it.BridgeProcessAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built jar as its own process (SQLite store in a temp data dir) delivering to an in-process,
 * unthrottled Identity Center emulator, driven over loopback as Azure AD drives it. Keeps the
 * state the IdP has sent so the emulator can be compared with it: nothing lost, nothing duplicated.
 */
final class FrontDoorScenario implements AutoCloseable {

    /** What the emulator lacks or has twice, compared with what the IdP sent. */
    record Diff(int lostUsers, int duplicatedUsers, int unexpectedUsers, int staleUsers, int lostGroups,
                int duplicatedGroups, int lostMembers, int extraMembers) {
        boolean clean() {
            return lostUsers + duplicatedUsers + unexpectedUsers + staleUsers + lostGroups + duplicatedGroups
                    + lostMembers + extraMembers == 0;
        }
    }

    /** Figures of one initial sync. */
    record Sync(int users, int groups, long memberships, int idpWrites, double idpSeconds, double convergedSeconds,
                long downstreamRequests, Diff diff, Latencies latencies) {}

    /** One operation's figures in a front-door phase. */
    record OpFigures(String target, int connections, Latencies.Summary summary, double requestsPerSecond) {}

    final IdentityCenterScimEmulator ic;
    /** The AWS API emulators, when the scenario runs with session revocation; else null. */
    final AwsEmulators aws;
    final Path data;
    final BridgeProcessAccess.Running bridge;
    final ScimHttp http;
    final AzureAdIdp idp;
    private final String token;

    /** userName -> displayName last sent; group displayName -> member userNames. */
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, String> userNameById = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    private final List<String> groupIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, String> groupNameById = new ConcurrentHashMap<>();
    /** bridge group id -> bridge user ids, as the IdP last sent them. */
    private final Map<String, Set<String>> membersByGroupId = new ConcurrentHashMap<>();

    private FrontDoorScenario(IdentityCenterScimEmulator ic, AwsEmulators aws, Path data, BridgeProcessAccess.Running bridge,
                              String token) {
        this.ic = ic;
        this.aws = aws;
        this.data = data;
        this.bridge = bridge;
        this.token = token;
        this.http = new ScimHttp(bridge.baseUrl(), token);
        this.idp = new AzureAdIdp(http);
    }

    static FrontDoorScenario start(Path work) throws Exception {
        return start(work, 0);
    }

    /**
     * @param identityCenterRate 0 for an unthrottled emulator; else the emulator answers 429 above
     *                           this many requests a second and the bridge is set to send at it
     */
    static FrontDoorScenario start(Path work, double identityCenterRate) throws Exception {
        IdentityCenterScimEmulator ic = IdentityCenterScimEmulator.start();
        return start(work, identityCenterRate, ic, null, Map.of(), ic);
    }

    /**
     * Session revocation in mode scp as well: the Organizations emulator (SCPs enabled on the root)
     * beside Identity Center, the bridge's AWS calls pointed at it with throw-away credentials.
     */
    static FrontDoorScenario startWithSessionRevocation(Path work) throws Exception {
        AwsEmulators aws = AwsEmulators.start();
        Map<String, String> env = Map.of("BRIDGE_SESSION_REVOCATION_MODE", "scp",
                "BRIDGE_AWS_ENDPOINT_OVERRIDE", aws.identityStore().url(), "BRIDGE_AWS_REGION", aws.region(),
                "AWS_ACCESS_KEY_ID", "emulator", "AWS_SECRET_ACCESS_KEY", "emulator");
        return start(work, 0, aws.scim(), aws, env, aws);
    }

    private static FrontDoorScenario start(Path work, double identityCenterRate, IdentityCenterScimEmulator ic,
                                           AwsEmulators aws, Map<String, String> moreEnv, AutoCloseable emulators)
            throws Exception {
        try {
            ic.setRateLimit(identityCenterRate);
            Path data = Files.createDirectories(work.resolve("data"));
            Map<String, String> env = new HashMap<>(Map.of(
                    "BRIDGE_IDENTITY_CENTER_SCIM_URL", ic.url(), "BRIDGE_IDENTITY_CENTER_SCIM_TOKEN", ic.token(),
                    "BRIDGE_IDENTITY_CENTER_REQUESTS_PER_SECOND", Double.toString(identityCenterRate),
                    // measure the front door, not the per-source request limit (default 50/s)
                    "BRIDGE_SCIM_RATE_LIMIT_REQUESTS_PER_SECOND", "0",
                    // the leaver benchmark's hundreds of leavers are what the deprovisioning guard holds
                    "BRIDGE_GUARD_MAX_DEPROVISIONS", "0", "BRIDGE_GUARD_MAX_PERCENT", "0"));
            env.putAll(moreEnv);
            BridgeProcessAccess.Running bridge = BridgeProcessAccess.start(data, env);
            try {
                return new FrontDoorScenario(ic, aws, data, bridge, BridgeProcessAccess.token(data, "azure"));
            } catch (Exception | Error e) {
                bridge.close();
                throw e;
            }
        } catch (Exception | Error e) {
            emulators.close();
            throw e;
        }
    }

    /** The IdP's bearer token, for callers that open their own connection pool. */
    String token() {
        return token;
    }

    /** The bridge's {@code bridge_store_*} counters (writes, durable commits, fsyncs), read from /q/metrics. */
    Map<String, Double> storeCounters() throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(bridge.baseUrl() + "/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> counters = new HashMap<>();
        metrics.lines().filter(l -> l.startsWith("bridge_store_")).forEach(l -> {
            int space = l.lastIndexOf(' ');
            counters.put(l.substring(0, space).replaceAll("\\{.*}", ""), Double.parseDouble(l.substring(space + 1)));
        });
        return counters;
    }

    long pid() {
        return bridge.pid();
    }

    /**
     * The initial sync as Azure AD sends it (see {@link FrontDoorLoad#initialSync}), then the wait until
     * the emulator equals what the IdP sent.
     */
    Sync initialSync(int userCount, int groupCount, int membersPerGroup, int connections, Duration convergeWithin)
            throws InterruptedException {
        Latencies lat = http.newPhase();
        long downstreamBefore = downstreamRequests();
        long start = System.nanoTime();
        FrontDoorLoad.Pushed pushed = FrontDoorLoad.initialSync(idp, userCount, groupCount, membersPerGroup, connections, expect);
        groupIds.addAll(pushed.groupIds());
        // printed at once: at 100,000 users convergence takes a while longer
        System.out.printf(java.util.Locale.ROOT, "[bench] sync IdP side: %d writes in %.1f s%n", pushed.writes(), pushed.seconds());
        Diff diff = awaitConverged(convergeWithin);
        double converged = (System.nanoTime() - start) / 1e9;
        return new Sync(userCount, groupCount, pushed.memberships(), pushed.writes(), pushed.seconds(), converged,
                downstreamRequests() - downstreamBefore, diff, lat);
    }

    /** The front-door mix against the bridge (see {@link FrontDoorLoad#mix}). */
    List<OpFigures> mix(String label, int connections, int n) throws InterruptedException {
        return FrontDoorLoad.mix(http, idp, groupIds, label, connections, n, expect, this::awaitDelivered);
    }

    /**
     * Until Identity Center (the emulator) holds everything the IdP was told: the bridge has nothing
     * left to deliver. Fails after 10 minutes, with what is still missing.
     */
    private void awaitDelivered() throws InterruptedException {
        Diff d = awaitConverged(Duration.ofMinutes(10));
        if (!d.clean()) {
            throw new IllegalStateException("the bridge did not deliver what it accepted within 10 minutes: " + d);
        }
    }

    /** Keeps what the bridge accepted, to compare the emulator with. */
    private final FrontDoorLoad.Expect expect = new FrontDoorLoad.Expect() {
        @Override
        public void userCreated(String id, String userName, String displayName) {
            userNameById.put(id, userName);
            users.put(userName, displayName);
        }

        @Override
        public void userRenamed(String id, String displayName) {
            users.put(userNameById.get(id), displayName);
        }

        @Override
        public void groupCreated(String id, String displayName) {
            groupNameById.put(id, displayName);
            groups.put(displayName, ConcurrentHashMap.newKeySet());
        }

        @Override
        public void memberAdded(String groupId, String userId) {
            groups.get(groupNameById.get(groupId)).add(userNameById.get(userId));
            membersByGroupId.computeIfAbsent(groupId, k -> ConcurrentHashMap.newKeySet()).add(userId);
        }

        @Override
        public void memberRemoved(String groupId, String userId) {
            groups.get(groupNameById.get(groupId)).remove(userNameById.get(userId));
            membersByGroupId.getOrDefault(groupId, Set.of()).remove(userId);
        }

        @Override
        public void userDeleted(String id) {
            String userName = userNameById.remove(id);
            users.remove(userName);
            groups.values().forEach(members -> members.remove(userName));
            membersByGroupId.values().forEach(members -> members.remove(id));
        }
    };

    /** What the load generator reports back, for callers that drive the bridge with their own {@link ScimHttp}. */
    FrontDoorLoad.Expect expect() {
        return expect;
    }

    /** The bridge ids of the groups the initial sync created. */
    List<String> groupIds() {
        return List.copyOf(groupIds);
    }

    /** The bridge ids of a group's members, as the IdP last sent them. */
    Set<String> membersOf(String groupId) {
        return Set.copyOf(membersByGroupId.getOrDefault(groupId, Set.of()));
    }

    String userNameOf(String userId) {
        return userNameById.get(userId);
    }

    String groupNameOf(String groupId) {
        return groupNameById.get(groupId);
    }

    long downstreamRequests() {
        return ic.operationCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    long expectedMemberships() {
        return groups.values().stream().mapToLong(Set::size).sum();
    }

    int expectedUsers() {
        return users.size();
    }

    /** Polls the emulator until it equals what the IdP sent, or the time is up; the last comparison. */
    Diff awaitConverged(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Diff d = diff();
        while (!d.clean() && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a condition with a deadline
            d = diff();
        }
        return d;
    }

    Diff diff() {
        Map<String, Integer> byName = new HashMap<>();
        Map<String, String> nameByIcId = new HashMap<>();
        int stale = 0;
        for (StoredUser u : ic.users()) {
            byName.merge(u.userName(), 1, Integer::sum);
            nameByIcId.put(u.id(), u.userName());
            String expected = users.get(u.userName());
            if (expected != null && !expected.equals(u.displayName())) {
                stale++;
            }
        }
        int lostUsers = 0;
        for (String name : users.keySet()) {
            if (!byName.containsKey(name)) {
                lostUsers++;
            }
        }
        int dupUsers = byName.values().stream().mapToInt(c -> c - 1).sum();
        int unexpected = (int) byName.keySet().stream().filter(n -> !users.containsKey(n)).count();
        Map<String, List<StoredGroup>> groupsByName = new HashMap<>();
        for (StoredGroup g : ic.groups()) {
            groupsByName.computeIfAbsent(g.displayName(), k -> new ArrayList<>()).add(g);
        }
        int lostGroups = 0;
        int dupGroups = groupsByName.values().stream().mapToInt(l -> l.size() - 1).sum()
                + (int) groupsByName.keySet().stream().filter(n -> !groups.containsKey(n)).count();
        int lostMembers = 0;
        int extraMembers = 0;
        for (Map.Entry<String, Set<String>> e : groups.entrySet()) {
            List<StoredGroup> found = groupsByName.get(e.getKey());
            if (found == null) {
                lostGroups++;
                lostMembers += e.getValue().size();
                continue;
            }
            List<String> actual = ic.members(found.get(0).id()).stream().map(id -> nameByIcId.getOrDefault(id, id)).toList();
            Set<String> actualSet = new HashSet<>(actual);
            extraMembers += actual.size() - actualSet.size();
            for (String m : e.getValue()) {
                if (!actualSet.remove(m)) {
                    lostMembers++;
                }
            }
            extraMembers += actualSet.size();
        }
        return new Diff(lostUsers, dupUsers, unexpected, stale, lostGroups, dupGroups, lostMembers, extraMembers);
    }

    @Override
    public void close() throws Exception {
        try {
            bridge.close();
        } finally {
            if (aws != null) {
                aws.close();
            } else {
                ic.close();
            }
        }
    }
}
