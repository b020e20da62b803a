package io.scimbridge.identitycenter.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.NativeValues;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The dirty marks as a work queue shared by every replica on one database. A mark is claimed
 * with a lease (a conditional UPDATE only one replica can win, on SQLite and PostgreSQL alike);
 * a crashed replica's leases run out and another replica takes the work over. A mark is cleared
 * only if no change came in since it was claimed (generation).
 */
@ApplicationScoped
public class OutboxQueue {

    /**
     * A claimed dirty mark.
     *
     * @param correlationId the correlation id of the change that marked it last; null when the bridge did
     */
    public record Claim(String resourceId, ResourceType type, String source, long generation, int attempts,
                        String correlationId) {}

    /** A mark waiting for delivery, for the admin API. */
    public record Entry(String resourceId, String resourceType, String source, OffsetDateTime markedAt, int attempts,
                        OffsetDateTime nextAttemptAt, boolean dead, String lastError) {}

    /**
     * Due marks not leased: those that revoke access first, then the longest due. "dead" leads the
     * ORDER BY so that the planner sees the order of ix_ic_outbox_due (V6, V7) and stops after the rows it
     * returns instead of sorting every due mark.
     */
    static final String CLAIM_CANDIDATES = "select resource_id, resource_type, source, generation, attempts, correlation_id"
            + " from ic_outbox where dead = false and next_attempt_at <= :now and (lease_until is null or lease_until < :now)"
            + " order by dead, priority, next_attempt_at, marked_at";

    private final EntityManager em;
    private final IdentityCenterConfig config;
    private final String owner = UUID.randomUUID().toString();

    public OutboxQueue(EntityManager em, IdentityCenterConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * Claims up to {@code max} due marks: those that revoke access first, then the longest due
     * first. Not by first marking: a group
     * that keeps waiting for its members (postponed again and again) would otherwise be claimed
     * before the very members it waits for, and starve them.
     */
    public List<Claim> claim(int max) {
        return settleAndClaim(List.of(), max);
    }

    /**
     * Clears the marks of {@code delivered} resources ({@link #complete}) and claims up to
     * {@code max} due marks, in one transaction: the delivery loop settles what its workers
     * finished whenever it claims more, so a delivered change costs the store one write less.
     * A crash before this commits leaves a delivered mark set: its next delivery finds nothing to
     * send (level-triggered), so at worst a resource is looked at once more.
     */
    public List<Claim> settleAndClaim(Collection<Claim> delivered, int max) {
        if (delivered.isEmpty() && (max <= 0 || !anyDue())) {
            // nothing to write: the writer, which the IdP's requests wait for, is not taken
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            delivered.forEach(this::clear);
            if (max <= 0) {
                return List.<Claim>of();
            }
            OffsetDateTime now = now();
            @SuppressWarnings("unchecked")
            List<Object[]> candidates = em.createNativeQuery(CLAIM_CANDIDATES)
                    .setParameter("now", now).setMaxResults(max * 2).getResultList();
            List<Claim> claims = new ArrayList<>();
            for (Object[] row : candidates) {
                if (claims.size() == max) {
                    break;
                }
                int won = em.createNativeQuery("update ic_outbox set lease_owner = :owner, lease_until = :until"
                                + " where resource_id = :id and generation = :generation"
                                + " and (lease_until is null or lease_until < :now)")
                        .setParameter("owner", owner).setParameter("until", now.plus(config.lease()))
                        .setParameter("id", row[0]).setParameter("generation", ((Number) row[3]).longValue())
                        .setParameter("now", now).executeUpdate();
                if (won == 1) {
                    claims.add(new Claim((String) row[0], ResourceType.fromWireName((String) row[1]), (String) row[2],
                            ((Number) row[3]).longValue(), ((Number) row[4]).intValue(), (String) row[5]));
                }
            }
            return claims;
        });
    }

    private boolean anyDue() {
        return ReadOnly.call(() -> !em.createNativeQuery(CLAIM_CANDIDATES).setParameter("now", now())
                .setMaxResults(1).getResultList().isEmpty());
    }

    /**
     * Extends the leases of deliveries still running, so a long one (a group of thousands) is
     * never taken over by another replica while this one is alive; a dead replica stops renewing.
     */
    public void renew(Collection<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update ic_outbox set lease_until = :until"
                        + " where lease_owner = :owner and resource_id in (:ids)")
                .setParameter("until", now().plus(config.lease())).setParameter("owner", owner)
                .setParameter("ids", claims.stream().map(Claim::resourceId).toList()).executeUpdate());
    }

    /** Delivered: clears the mark unless a newer change arrived meanwhile (then it stays due). */
    public void complete(Claim claim) {
        QuarkusTransaction.requiringNew().run(() -> clear(claim));
    }

    private void clear(Claim claim) {
        int deleted = em.createNativeQuery("delete from ic_outbox where resource_id = :id and generation = :generation")
                .setParameter("id", claim.resourceId()).setParameter("generation", claim.generation()).executeUpdate();
        if (deleted == 0) {
            release(claim, now(), claim.attempts(), false, null);
        }
    }

    /** Failed: tries again after {@code delay}; a permanent refusal becomes a dead letter after maxAttempts. */
    public boolean fail(Claim claim, String error, Duration delay, boolean permanent) {
        int attempts = claim.attempts() + 1;
        boolean dead = permanent && attempts >= config.maxAttempts();
        QuarkusTransaction.requiringNew().run(() -> release(claim, now().plus(delay), attempts, dead, error));
        return dead;
    }

    /** Throttled (429): tries again after {@code delay}; "slow down" is not a failure, no attempt counted. */
    public void retryLater(Claim claim, String reason, Duration delay) {
        QuarkusTransaction.requiringNew().run(() -> release(claim, now().plus(delay), claim.attempts(), false, reason));
    }

    /**
     * Identity Center is back after an outage: every mark that backed off is due now, rather than
     * after its back-off (up to bridge.identity-center.max-backoff: a 90 s outage left marks waiting
     * 100 s after recovery). The rate limiter still paces the catch-up. The number made due.
     */
    public int retryBackedOffNow() {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = now();
            return em.createNativeQuery("update ic_outbox set next_attempt_at = :now"
                            + " where dead = false and attempts > 0 and next_attempt_at > :now")
                    .setParameter("now", now).executeUpdate();
        });
    }

    /** Waits for another resource (a member or manager not yet in Identity Center); no attempt counted. */
    public void postpone(Claim claim, Duration delay, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            release(claim, now().plus(delay), claim.attempts(), false, reason);
            // What revoked access is delivered (removals never wait); what waits is additions, which
            // must not jump ahead of the very members they wait for. Only if nothing changed since
            // the claim: a new change that revokes access keeps its place at the front.
            em.createNativeQuery("update ic_outbox set priority = " + DirtyMarks.PRIORITY_NORMAL
                            + " where resource_id = :id and generation = :generation")
                    .setParameter("id", claim.resourceId()).setParameter("generation", claim.generation()).executeUpdate();
        });
    }

    private void release(Claim claim, OffsetDateTime next, int attempts, boolean dead, String error) {
        em.createNativeQuery("update ic_outbox set lease_owner = null, lease_until = null, next_attempt_at = :next,"
                        + " attempts = :attempts, dead = :dead, last_error = :error where resource_id = :id and lease_owner = :owner")
                .setParameter("next", next).setParameter("attempts", attempts).setParameter("dead", dead)
                .setParameter("error", error == null ? null : truncate(error)).setParameter("id", claim.resourceId())
                .setParameter("owner", owner).executeUpdate();
    }

    /** Whether a resource still waits for delivery (and is not a dead letter). */
    public boolean pending(String resourceId) {
        return ReadOnly.call(() -> !em.createNativeQuery(
                        "select 1 from ic_outbox where resource_id = :id and dead = false")
                .setParameter("id", resourceId).getResultList().isEmpty());
    }

    /**
     * Users queued because they lost access (deactivated or deleted by the IdP), besides one
     * resource: the deprovisioning guard counts them as about to be removed, so that a burst trips
     * it before the first of them is sent.
     */
    public long leaversQueuedBesides(String resourceId) {
        return ReadOnly.call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from ic_outbox where priority = " + DirtyMarks.PRIORITY_REVOKES_ACCESS
                                + " and dead = false and resource_type = :type and resource_id <> :id")
                .setParameter("type", ResourceType.USER.wireName()).setParameter("id", resourceId)
                .getSingleResult()).longValue());
    }

    /** Depth, dead letters and the oldest waiting mark. */
    public record Status(long depth, long deadLetters, OffsetDateTime oldestMarkedAt) {}

    public Status status() {
        return ReadOnly.call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("select"
                    + " sum(case when dead then 0 else 1 end), sum(case when dead then 1 else 0 end),"
                    + " min(case when dead then null else marked_at end) from ic_outbox").getSingleResult();
            return new Status(row[0] == null ? 0 : ((Number) row[0]).longValue(),
                    row[1] == null ? 0 : ((Number) row[1]).longValue(), NativeValues.offsetDateTime(row[2]));
        });
    }

    public List<Entry> entries(boolean deadOnly, int limit) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select resource_id, resource_type, source, marked_at, attempts,"
                            + " next_attempt_at, dead, last_error from ic_outbox"
                            + (deadOnly ? " where dead = true" : "") + " order by marked_at")
                    .setMaxResults(limit).getResultList();
            return rows.stream().map(r -> new Entry((String) r[0], (String) r[1], (String) r[2], NativeValues.offsetDateTime(r[3]),
                    ((Number) r[4]).intValue(), NativeValues.offsetDateTime(r[5]), NativeValues.bool(r[6]), (String) r[7])).toList();
        });
    }

    /** Gives a dead letter another chance; false when there is no such dead letter. */
    public boolean retryDeadLetter(String resourceId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("update ic_outbox set dead = false,"
                        + " attempts = 0, next_attempt_at = :now where resource_id = :id and dead = true")
                .setParameter("now", now()).setParameter("id", resourceId).executeUpdate() == 1);
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
