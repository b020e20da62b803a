package io.scimbridge.identitycenter.reconcile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.scimbridge.aws.AwsClients;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.outbox.DirtyMarks;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads Identity Center back through the Identity Store API and repairs drift: the shadow is set
 * to what Identity Center really holds, and every resource whose shadow then differs from its
 * desired state is marked dirty, so ordinary delivery puts it right. A user deleted directly in
 * AWS is re-created; a membership removed there is added back; an attribute edited there is
 * overwritten. Resources the bridge never created or adopted (made in the console, by Control
 * Tower, by another tool) are left alone: never modified or deleted, only listed ({@link #unmanaged()},
 * {@code GET /admin/unmanaged}).
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    /** What one run found and did. */
    public record Report(Instant startedAt, Instant finishedAt, String outcome, String detail, int usersChecked,
                         int groupsChecked, int usersRecreated, int usersRepaired, int groupsRecreated,
                         int groupsRepaired, int membershipsRepaired) {}

    private final IdentityCenterConfig config;
    private final AwsClients aws;
    private final ShadowStore shadows;
    private final DirtyMarks marks;
    private final IdentityCenterClient client;
    private final MeterRegistry metrics;
    private final AtomicReference<Report> last = new AtomicReference<>();
    private final AtomicReference<Unmanaged> unmanaged = new AtomicReference<>();
    private final ReentrantLock running = new ReentrantLock();

    public Reconciliation(IdentityCenterConfig config, AwsClients aws, ShadowStore shadows, DirtyMarks marks,
                          IdentityCenterClient client, MeterRegistry metrics) {
        this.config = config;
        this.aws = aws;
        this.shadows = shadows;
        this.marks = marks;
        this.client = client;
        this.metrics = metrics;
    }

    @Scheduled(every = "${bridge.identity-center.reconcile-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    public Optional<Report> last() {
        return Optional.ofNullable(last.get());
    }

    /** Users and groups Identity Center holds that no IdP source created or adopted through the bridge. */
    public record Unmanaged(Instant at, List<Principal> users, List<Principal> groups) {

        /** One of them: its Identity Center id and userName or displayName. */
        public record Principal(String id, String name) {}
    }

    /** What the latest completed reconciliation found unmanaged. */
    public Optional<Unmanaged> unmanaged() {
        return Optional.ofNullable(unmanaged.get());
    }

    /** Runs one reconciliation now (one at a time per replica). */
    public Report run() {
        Instant start = Instant.now();
        Optional<String> skip = skipReason();
        if (skip.isPresent()) {
            return remember(new Report(start, Instant.now(), "skipped", skip.get(), 0, 0, 0, 0, 0, 0, 0));
        }
        if (!running.tryLock()) {
            return last().orElseGet(() -> new Report(start, Instant.now(), "running", "a reconciliation is running", 0, 0, 0, 0, 0, 0, 0));
        }
        try {
            IdentityStoreSnapshot snapshot = new IdentityStoreReader(aws.identityStore(), config.identityStoreId().get()).read();
            return remember(repair(start, snapshot));
        } catch (SdkException e) {
            // Credentials missing or refused, throttled, unreachable: say so; delivery goes on.
            LOG.warnf("Reconciliation failed: %s", e.getMessage());
            return remember(new Report(start, Instant.now(), "failed", e.getClass().getSimpleName() + ": " + e.getMessage(),
                    0, 0, 0, 0, 0, 0, 0));
        } finally {
            running.unlock();
        }
    }

    private Optional<String> skipReason() {
        if (client.dryRun()) {
            return Optional.of("dry-run: nothing is sent to Identity Center, so there is nothing to compare");
        }
        if (config.identityStoreId().isEmpty()) {
            return Optional.of("bridge.identity-center.identity-store-id is not set");
        }
        return Optional.empty();
    }

    /** What one run checked and repaired, counted as it goes. */
    private static final class Tally {
        int users;
        int groups;
        int usersRecreated;
        int usersRepaired;
        int groupsRecreated;
        int groupsRepaired;
        int membershipsRepaired;
    }

    /**
     * Walks the shadows a page at a time ({@link ShadowStore#forEach}): 100,000 users' shadows at
     * once would not fit in the heap. Only Identity Center's snapshot and the users' ids are held
     * whole (estimated at about 60 MiB for 100,000 users; not measured at that size).
     */
    private Report repair(Instant start, IdentityStoreSnapshot snapshot) {
        Map<String, String> userByIcId = new HashMap<>();
        shadows.icIds(ResourceType.USER).forEach((resourceId, icId) -> userByIcId.put(icId, resourceId));
        listUnmanaged(snapshot, userByIcId.keySet(), shadows.icIds(ResourceType.GROUP).values());
        Tally tally = new Tally();
        shadows.forEach(ResourceType.USER, shadow -> repairUser(shadow, snapshot, tally));
        shadows.forEach(ResourceType.GROUP, shadow -> repairGroup(shadow, snapshot, userByIcId, tally));
        count("user_recreated", tally.usersRecreated);
        count("user_repaired", tally.usersRepaired);
        count("group_recreated", tally.groupsRecreated);
        count("group_repaired", tally.groupsRepaired);
        count("membership_repaired", tally.membershipsRepaired);
        int drift = tally.usersRecreated + tally.usersRepaired + tally.groupsRecreated + tally.groupsRepaired
                + tally.membershipsRepaired;
        LOG.infof("Reconciliation: %d users and %d groups checked, %d drifts repaired", tally.users, tally.groups, drift);
        return new Report(start, Instant.now(), "completed", drift + " drift(s) found and marked for repair",
                tally.users, tally.groups, tally.usersRecreated, tally.usersRepaired, tally.groupsRecreated,
                tally.groupsRepaired, tally.membershipsRepaired);
    }

    private void repairUser(Shadow shadow, IdentityStoreSnapshot snapshot, Tally tally) {
        tally.users++;
        IdentityStoreSnapshot.IcUser actual = snapshot.users().get(shadow.icId());
        if (actual == null) {
            recreate(shadow);
            tally.usersRecreated++;
        } else if (!sameUser(shadow.state(), actual)) {
            markDrifted(shadow);
            mark(shadow);
            tally.usersRepaired++;
        }
    }

    private void repairGroup(Shadow shadow, IdentityStoreSnapshot snapshot, Map<String, String> userByIcId, Tally tally) {
        tally.groups++;
        IdentityStoreSnapshot.IcGroup actual = snapshot.groups().get(shadow.icId());
        if (actual == null) {
            recreate(shadow);
            tally.groupsRecreated++;
            return;
        }
        boolean dirty = false;
        if (!Objects.equals(shadow.state().path("displayName").asText(null), actual.displayName())) {
            markDrifted(shadow);
            tally.groupsRepaired++;
            dirty = true;
        }
        Set<String> actualMembers = new HashSet<>();
        for (String icMember : actual.memberIds()) {
            String member = userByIcId.get(icMember);
            if (member != null) {
                actualMembers.add(member);
            }
        }
        Set<String> known = shadows.members(shadow.resourceId());
        if (!known.equals(actualMembers)) {
            tally.membershipsRepaired += symmetricDifference(known, actualMembers);
            shadows.replaceMembers(shadow.resourceId(), actualMembers);
            dirty = true;
        }
        if (dirty) {
            mark(shadow);
        }
    }

    /**
     * Identity Center's users and groups that have no shadow: the bridge never created or adopted
     * them, so it never touches them (delivery and this repair only ever work from shadows).
     */
    private void listUnmanaged(IdentityStoreSnapshot snapshot, Set<String> managedUsers, Collection<String> managedGroups) {
        Set<String> managedGroupIds = new HashSet<>(managedGroups);
        List<Unmanaged.Principal> users = snapshot.users().values().stream().filter(u -> !managedUsers.contains(u.id()))
                .map(u -> new Unmanaged.Principal(u.id(), u.userName()))
                .sorted(Comparator.comparing(Unmanaged.Principal::name, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<Unmanaged.Principal> groups = snapshot.groups().values().stream().filter(g -> !managedGroupIds.contains(g.id()))
                .map(g -> new Unmanaged.Principal(g.id(), g.displayName()))
                .sorted(Comparator.comparing(Unmanaged.Principal::name, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        unmanaged.set(new Unmanaged(Instant.now(), users, groups));
        if (!users.isEmpty() || !groups.isEmpty()) {
            LOG.infof("Reconciliation: %d user(s) and %d group(s) in Identity Center are not the bridge's; left alone",
                    users.size(), groups.size());
        }
    }

    /** Gone from Identity Center: the shadow is forgotten and the resource marked, so delivery creates it again. */
    private void recreate(Shadow shadow) {
        shadows.delete(shadow.resourceId());
        mark(shadow);
    }

    /** Changed in Identity Center: a shadow state that equals no desired state, so the next delivery sends the whole resource. */
    private void markDrifted(Shadow shadow) {
        ObjectNode drifted = JsonNodeFactory.instance.objectNode().put("drifted", true);
        shadows.save(new Shadow(shadow.resourceId(), shadow.type(), shadow.source(), shadow.icId(), drifted));
    }

    private static boolean sameUser(ObjectNode shadow, IdentityStoreSnapshot.IcUser actual) {
        return equalsIgnoreCase(shadow.path("userName").asText(null), actual.userName())
                && Objects.equals(shadow.path("displayName").asText(null), actual.displayName())
                && Objects.equals(shadow.path("name").path("givenName").asText(null), actual.givenName())
                && Objects.equals(shadow.path("name").path("familyName").asText(null), actual.familyName())
                && equalsIgnoreCase(shadow.path("emails").path(0).path("value").asText(null), actual.primaryEmail());
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static int symmetricDifference(Set<String> a, Set<String> b) {
        int n = 0;
        for (String x : a) {
            if (!b.contains(x)) {
                n++;
            }
        }
        for (String x : b) {
            if (!a.contains(x)) {
                n++;
            }
        }
        return n;
    }

    private void mark(Shadow shadow) {
        QuarkusTransaction.requiringNew().run(() -> marks.mark(shadow.resourceId(), shadow.type(), shadow.source()));
    }

    private void count(String kind, int n) {
        Counter.builder("bridge.drift.repaired").description("Drift found by reconciliation and marked for repair")
                .tag("kind", kind).register(metrics).increment(n);
    }

    private Report remember(Report report) {
        last.set(report);
        return report;
    }

}
