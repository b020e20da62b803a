package io.scimbridge.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A seeded provisioning sync, as an IdP runs it: users created, groups created and filled, then a
 * shuffled mix of profile changes (some twice: the last one must win), deactivations, deletions,
 * member removals and additions (some members added and removed again), and group deletions. Phases run one after the other; within a
 * phase each task touches one resource, so the IdP never races itself on a resource, and member
 * changes only name users that stay.
 */
final class DrillWorkload {

    private final List<List<Runnable>> phases;
    private final int tasks;

    private DrillWorkload(List<List<Runnable>> phases) {
        this.phases = phases;
        this.tasks = phases.stream().mapToInt(List::size).sum();
    }

    static DrillWorkload sync(DrillIdp idp, int userCount, long seed) {
        Random random = new Random(seed);
        List<IdpLedger.SentUser> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            users.add(new IdpLedger.SentUser("drill-u" + i + "@example.com", "Drill User " + i, "Drill", "User" + i,
                    "drill-u" + i + "@example.com", true));
        }
        int groupCount = Math.max(2, userCount / 25);
        List<String> groups = new ArrayList<>();
        List<List<String>> initialMembers = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            groups.add("drill-g" + g);
            initialMembers.add(new ArrayList<>());
        }
        for (int i = 0; i < userCount; i++) {
            initialMembers.get(i % groupCount).add(users.get(i).userName());
            if (random.nextInt(10) < 3) {
                initialMembers.get(random.nextInt(groupCount)).add(users.get(i).userName());
            }
        }

        List<Runnable> creates = new ArrayList<>();
        users.forEach(u -> creates.add(() -> idp.createUser(u)));

        List<Runnable> groupFills = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            String group = groups.get(g);
            List<String> members = initialMembers.get(g).stream().distinct().toList();
            groupFills.add(() -> {
                idp.createGroup(group);
                for (int from = 0; from < members.size(); from += 50) {
                    idp.addMembers(group, members.subList(from, Math.min(members.size(), from + 50)));
                }
            });
        }

        List<Runnable> changes = new ArrayList<>();
        List<String> staying = new ArrayList<>();
        for (IdpLedger.SentUser u : users) {
            int r = random.nextInt(100);
            if (r < 20) {
                changes.add(() -> {
                    idp.updateUser(u.renamed(2));
                    idp.updateUser(u.renamed(3));
                });
            } else if (r < 50) {
                changes.add(() -> idp.updateUser(u.renamed(2)));
            } else if (r < 62) {
                changes.add(() -> idp.updateUser(u.deactivated()));
            } else if (r < 72) {
                changes.add(() -> idp.deleteUser(u.userName()));
                continue;
            }
            staying.add(u.userName());
        }
        for (int g = 0; g < groupCount; g++) {
            String group = groups.get(g);
            if (g % 7 == 3) {
                changes.add(() -> idp.deleteGroup(group));
                continue;
            }
            List<String> leaving = initialMembers.get(g).stream().filter(staying::contains).distinct().limit(3).toList();
            String joining = staying.get(random.nextInt(staying.size()));
            // members added and soon removed again: a kill between Identity Center's answer to the
            // add and the bridge's record of it must not leave them in the group
            List<String> initial = initialMembers.get(g);
            List<String> passing = List.of(staying.get(random.nextInt(staying.size())),
                    staying.get(random.nextInt(staying.size()))).stream().distinct()
                    .filter(u -> !initial.contains(u) && !u.equals(joining)).toList();
            changes.add(() -> {
                if (!leaving.isEmpty()) {
                    idp.removeMembers(group, leaving);
                }
                idp.addMembers(group, List.of(joining));
                if (!passing.isEmpty()) {
                    idp.addMembers(group, passing);
                    idp.removeMembers(group, passing);
                }
            });
        }
        Collections.shuffle(changes, random);
        return new DrillWorkload(List.of(creates, groupFills, changes));
    }

    int tasks() {
        return tasks;
    }

    /**
     * Runs the phases with {@code concurrency} IdP connections. With a {@code spread}, task k of
     * the whole run starts no earlier than k/tasks of it, so the writes go on through a fault window
     * instead of finishing before it.
     */
    void run(int concurrency, Duration spread) throws InterruptedException {
        long start = System.nanoTime();
        int k = 0;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, Thread.ofVirtual().name("idp-", 0).factory());
        try {
            for (List<Runnable> phase : phases) {
                List<Future<?>> running = new ArrayList<>();
                for (Runnable task : phase) {
                    long notBefore = start + spread.toNanos() * k++ / Math.max(1, tasks);
                    running.add(pool.submit(() -> {
                        waitUntil(notBefore);
                        task.run();
                    }));
                }
                for (Future<?> f : running) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("the IdP's sync failed: " + e.getCause(), e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait)); // pacing the IdP's writes, not waiting for luck
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
