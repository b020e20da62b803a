package io.scimbridge.revocation;

import io.scimbridge.revocation.SessionRevocations.PermissionSetUse;
import io.scimbridge.revocation.SessionRevocations.Run;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One run of session revocation: the desired deny list (the store, minus the expired entries),
 * diffed against what AWS holds, the difference applied ({@link Coverage}), and the store told
 * what is in force and what was lifted. Never throws: a failed run is a {@link Run} that says so.
 */
@ApplicationScoped
class RevocationRun {

    private static final Logger LOG = Logger.getLogger(RevocationRun.class);

    private final RevocationStore store;
    private final ScopedRevocationStore scoped;
    private final Coverage coverage;
    private final RevocationJournal journal;

    RevocationRun(RevocationStore store, ScopedRevocationStore scoped, Coverage coverage, RevocationJournal journal) {
        this.store = store;
        this.scoped = scoped;
        this.coverage = coverage;
        this.journal = journal;
    }

    /** Whether an entry's hold ends now: a run is due to lift it. */
    boolean expiryDue(Instant now) {
        return store.all().stream().anyMatch(r -> !r.expiresAt().isAfter(now))
                || scoped.all().stream().anyMatch(r -> !r.expiresAt().isAfter(now));
    }

    /** @param previous the last run, whose view of AWS a failed run keeps showing */
    Run run(Run previous) {
        Instant now = Instant.now();
        try {
            List<Revocation> listedNow = store.all();
            List<String> leavers = listedNow.stream().filter(r -> r.expiresAt().isAfter(now))
                    .map(Revocation::icUserId).toList();
            Map<String, List<String>> bySet = new LinkedHashMap<>();
            scoped.all().stream().filter(r -> r.expiresAt().isAfter(now)).forEach(r ->
                    bySet.computeIfAbsent(r.permissionSetArn(), k -> new ArrayList<>()).add(r.icUserId()));
            Coverage.Result outcome = coverage.apply(leavers, bySet);
            Instant applied = Instant.now();
            store.placed(outcome.inForce(), applied);
            scoped.placed(outcome.permissionSets().inForce(), applied);
            outcome.permissionSets().directlyAssigned().forEach((arn, ids) -> ids.forEach(id -> scoped.remove(id, arn)
                    .ifPresent(r -> journal.liftedIn(r, "has the set through a direct assignment"))));
            for (Revocation r : listedNow) {
                if (r.inForceAt() == null && outcome.inForce().containsKey(r.icUserId())) {
                    journal.inForce(r, outcome.inForce().get(r.icUserId()), Duration.between(r.requestedAt(), applied));
                }
            }
            store.forgetExpired(applied, outcome.inAws()).forEach(r -> journal.lifted(r, "its hold ended at "
                    + r.expiresAt()));
            scoped.forgetExpired(applied, outcome.permissionSets().held()).forEach(r -> journal.liftedIn(r,
                    "its hold ended at " + r.expiresAt()));
            outcome.problems().forEach(p -> LOG.warnf("Session revocation: %s", p));
            journal.counts(store.all().size(), outcome.uncovered().size());
            List<PermissionSetUse> sets = outcome.permissionSets().sets().entrySet().stream()
                    .map(e -> new PermissionSetUse(e.getKey(), e.getValue().ids(), e.getValue().characters(),
                            e.getValue().accounts())).toList();
            return new Run(now, true, null, outcome.problems(), outcome.policies(), sets,
                    outcome.uncovered().size(), outcome.managementAccount(), outcome.overflowToPermissionSets(),
                    coverage.dryRun());
        } catch (RuntimeException e) {
            return failed(previous, now, e);
        }
    }

    /** A run that did not reach AWS (or the store): counted, and showing what the last run saw. */
    Run failed(Run previous, Instant at, RuntimeException cause) {
        journal.failed();
        try {
            int pending = (int) store.all().stream().filter(r -> r.inForceAt() == null).count();
            journal.counts(store.all().size(), Math.max(journal.uncovered(), pending));
        } catch (RuntimeException storeUnreachable) {
            // the counts keep their last values
        }
        return new Run(at, false, cause.toString(), List.of(),
                previous == null ? Map.of() : previous.policies(),
                previous == null ? List.of() : previous.permissionSets(), journal.uncovered(),
                previous == null ? null : previous.managementAccount(),
                previous == null ? 0 : previous.overflowToPermissionSets(), coverage.dryRun());
    }
}
