package io.scimbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The IdP's side of the benchmark, against any SCIM server (the bridge or the peer): the initial
 * sync as Azure AD sends it and the front-door mix, one phase per operation.
 */
final class FrontDoorLoad {

    /** What a server was sent successfully, so a caller can compare the downstream state with it. */
    interface Expect {
        Expect NOTHING = new Expect() {};

        default void userCreated(String id, String userName, String displayName) {}

        default void userRenamed(String id, String displayName) {}

        default void groupCreated(String id, String displayName) {}

        default void memberAdded(String groupId, String userId) {}

        default void memberRemoved(String groupId, String userId) {}

        default void userDeleted(String id) {}
    }

    /** The IdP's side of an initial sync: group ids in order, write requests sent, memberships sent. */
    record Pushed(List<String> groupIds, int writes, long memberships, double seconds) {}

    private FrontDoorLoad() {}

    /**
     * Users (existence check + POST), then groups (existence check + POST, no members), then members
     * added by PATCH in batches of 100: group g gets {@code membersPerGroup} consecutive users from g * membersPerGroup.
     */
    static Pushed initialSync(AzureAdIdp idp, int userCount, int groupCount, int membersPerGroup, int connections,
                              Expect expect) throws InterruptedException {
        long start = System.nanoTime();
        String[] ids = new String[userCount];
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            int n = i;
            tasks.add(() -> {
                String userName = "sync" + n + "@bench.example.com";
                if ("".equals(idp.userExists(userName))) {
                    String id = idp.createUser(userName, "Sync User " + n, n);
                    if (id != null) {
                        ids[n] = id;
                        expect.userCreated(id, userName, "Sync User " + n);
                    }
                }
            });
        }
        LoadGenerator.run(connections, tasks);
        String[] gids = new String[groupCount];
        tasks.clear();
        for (int g = 0; g < groupCount; g++) {
            int n = g;
            tasks.add(() -> {
                String name = "bench-group-" + n;
                if ("".equals(idp.groupExists(name))) {
                    String id = idp.createGroup(name);
                    if (id != null) {
                        gids[n] = id;
                        expect.groupCreated(id, name);
                    }
                }
            });
        }
        LoadGenerator.run(connections, tasks);
        tasks.clear();
        List<String> groupIds = new ArrayList<>();
        long memberships = 0;
        int patches = 0;
        int members = Math.min(membersPerGroup, userCount);
        for (int g = 0; g < groupCount; g++) {
            String gid = gids[g];
            if (gid == null) {
                continue;
            }
            groupIds.add(gid);
            for (int from = 0; from < members; from += 100) {
                List<String> batch = new ArrayList<>();
                for (int k = from; k < Math.min(members, from + 100); k++) {
                    String uid = ids[(g * membersPerGroup + k) % userCount];
                    if (uid != null) {
                        batch.add(uid);
                    }
                }
                memberships += batch.size();
                patches++;
                tasks.add(() -> {
                    if (idp.addMembers(gid, batch)) {
                        batch.forEach(uid -> expect.memberAdded(gid, uid));
                    }
                });
            }
        }
        LoadGenerator.run(connections, tasks);
        return new Pushed(groupIds, userCount + groupCount + patches, memberships, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The front-door mix at one concurrency: for {@code n} new users, in Azure AD's order, an existence
     * check, POST, GET, PATCH and a member PATCH adding the user to one of {@code groupIds}; one phase
     * per operation so each gets its own requests/s.
     */
    static List<FrontDoorScenario.OpFigures> mix(ScimHttp http, AzureAdIdp idp, List<String> groupIds, String label,
                                                 int connections, int n, Expect expect) throws InterruptedException {
        return mix(http, idp, groupIds, label, connections, n, expect, () -> { });
    }

    /** What a phase waits for before it starts. */
    interface Settle {
        void await() throws InterruptedException;
    }

    /**
     * The mix, each phase starting once {@code settled} returns (the bridge: once it has delivered
     * everything before it, so that a phase measures its own operation, not the tail of the one
     * before). The two reads, answered several times faster than the writes, run {@link
     * #READ_REPEATS} times as many requests, so that their phases last long enough to measure.
     */
    static List<FrontDoorScenario.OpFigures> mix(ScimHttp http, AzureAdIdp idp, List<String> groupIds, String label,
                                                 int connections, int n, Expect expect, Settle settled)
            throws InterruptedException {
        String[] ids = new String[n];
        List<FrontDoorScenario.OpFigures> out = new ArrayList<>();
        settled.await();
        // names not created yet (the first n are, by the next phase): what the IdP asks before each create
        out.add(phase(http, label, connections, AzureAdIdp.LOOKUP, n * READ_REPEATS,
                i -> idp.userExists(mixName(label, connections, i))));
        settled.await();
        out.add(phase(http, label, connections, AzureAdIdp.CREATE_USER, n, i -> {
            String userName = mixName(label, connections, i);
            String id = idp.createUser(userName, "Mix User " + i, 100_000 + i);
            if (id != null) {
                ids[i] = id;
                expect.userCreated(id, userName, "Mix User " + i);
            }
        }));
        settled.await();
        out.add(phase(http, label, connections, AzureAdIdp.GET_USER, n * READ_REPEATS, i -> {
            if (ids[i % n] != null) {
                idp.getUser(ids[i % n]);
            }
        }));
        settled.await();
        out.add(phase(http, label, connections, AzureAdIdp.PATCH_USER, n, i -> {
            if (ids[i] != null && idp.patchUser(ids[i], "Mix User " + i + " renamed")) {
                expect.userRenamed(ids[i], "Mix User " + i + " renamed");
            }
        }));
        settled.await();
        out.add(phase(http, label, connections, AzureAdIdp.MEMBER_PATCH, n, i -> {
            if (ids[i] != null && !groupIds.isEmpty()) {
                String gid = groupIds.get(i % groupIds.size());
                if (idp.addMembers(gid, List.of(ids[i]))) {
                    expect.memberAdded(gid, ids[i]);
                }
            }
        }));
        return out;
    }

    /** How many times as many requests the read phases (existence check, GET) send. */
    static final int READ_REPEATS = 3;

    private static FrontDoorScenario.OpFigures phase(ScimHttp http, String label, int connections, String op, int n,
                                                     IntConsumer request) throws InterruptedException {
        Latencies lat = http.newPhase();
        List<Runnable> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            tasks.add(() -> request.accept(k));
        }
        long wall = LoadGenerator.run(connections, tasks);
        Latencies.Summary s = lat.summary(op);
        System.out.printf(java.util.Locale.ROOT, "[bench] %s %d conns %s: %d in %.1f s%n", label, connections, op, s.count(), wall / 1e9);
        return new FrontDoorScenario.OpFigures(label, connections, s, s.count() / (wall / 1e9));
    }

    private static String mixName(String label, int connections, int i) {
        return "mix-" + label + "-" + connections + "-" + i + "@bench.example.com";
    }
}
