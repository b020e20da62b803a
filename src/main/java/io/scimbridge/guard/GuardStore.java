package io.scimbridge.guard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The guard's tables (guard_sent, guard_held: V12), in portable SQL; times as epoch milliseconds. */
@ApplicationScoped
public class GuardStore {

    private static final String HELD_COLUMNS = "removal_key, kind, owner_id, owner_type, subject, source, description,"
            + " rule_name, correlation_id, held_since, released";

    private final EntityManager em;

    public GuardStore(EntityManager em) {
        this.em = em;
    }

    /** Distinct subjects sent since {@code since}. */
    long subjectsSentSince(Instant since) {
        return ((Number) em.createNativeQuery("select count(distinct subject) from guard_sent where sent_at >= :since")
                .setParameter("since", since.toEpochMilli()).getSingleResult()).longValue();
    }

    boolean sentSince(String subject, Instant since) {
        return !em.createNativeQuery("select 1 from guard_sent where subject = :subject and sent_at >= :since")
                .setParameter("subject", subject).setParameter("since", since.toEpochMilli())
                .setMaxResults(1).getResultList().isEmpty();
    }

    void recordSent(Collection<Removal> removals, Instant at) {
        for (Removal r : removals) {
            em.createNativeQuery("insert into guard_sent (removal_key, subject, sent_at) values (:key, :subject, :at)")
                    .setParameter("key", r.key()).setParameter("subject", r.subject())
                    .setParameter("at", at.toEpochMilli()).executeUpdate();
        }
    }

    void purgeSentBefore(Instant before) {
        em.createNativeQuery("delete from guard_sent where sent_at < :before")
                .setParameter("before", before.toEpochMilli()).executeUpdate();
    }

    /**
     * What the bridge manages, the base of {@code max-percent}: the users and groups it holds in
     * Identity Center (ic_shadow) and the assignments it created (managed_assignment). Read here,
     * not through their stores, so that the guard depends on neither feature (both ask it).
     */
    long managed() {
        long principals = ((Number) em.createNativeQuery("select count(*) from ic_shadow").getSingleResult()).longValue();
        long assignments = ((Number) em.createNativeQuery("select count(*) from managed_assignment")
                .getSingleResult()).longValue();
        return principals + assignments;
    }

    Optional<HeldRemoval> held(String key) {
        return rows("where removal_key = :key", key).stream().findFirst();
    }

    /**
     * Holds a removal; one held already keeps its first {@code held_since} (and learns its source
     * if it was held from a forecast, which does not know it).
     */
    void hold(Removal r, String correlationId, Instant at) {
        if (held(r.key()).isPresent()) {
            if (r.source() != null) {
                em.createNativeQuery("update guard_held set source = :source where removal_key = :key and source is null")
                        .setParameter("source", r.source()).setParameter("key", r.key()).executeUpdate();
            }
            return;
        }
        em.createNativeQuery("insert into guard_held (" + HELD_COLUMNS + ") values (:key, :kind, :owner, :ownerType,"
                        + " :subject, :source, :description, :rule, :correlation, :at, 0)")
                .setParameter("key", r.key()).setParameter("kind", r.kind().wireName())
                .setParameter("owner", r.ownerId()).setParameter("ownerType", r.kind().ownerType())
                .setParameter("subject", r.subject()).setParameter("source", r.source())
                .setParameter("description", clip(r.description(), 1000)).setParameter("rule", clip(r.rule(), 256))
                .setParameter("correlation", correlationId).setParameter("at", at.toEpochMilli()).executeUpdate();
    }

    void forget(String key) {
        em.createNativeQuery("delete from guard_held where removal_key = :key").setParameter("key", key).executeUpdate();
    }

    /** Whether anything of this owner is held. */
    boolean holdsAnyOf(String ownerId) {
        return !em.createNativeQuery("select 1 from guard_held where owner_id = :owner").setParameter("owner", ownerId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Forgets the owner's held removals that its latest delivery no longer asked for; how many. */
    int forgetOwnerExcept(String ownerId, Collection<String> keys) {
        int forgotten = 0;
        for (HeldRemoval h : rows("where owner_id = :key", ownerId)) {
            if (!keys.contains(h.key())) {
                forget(h.key());
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Unreleased held removals: the guard is tripped while there is one. */
    long unreleased() {
        return ((Number) em.createNativeQuery("select count(*) from guard_held where released = 0")
                .getSingleResult()).longValue();
    }

    List<HeldRemoval> all() {
        return rows("", null);
    }

    void markReleased(String key) {
        em.createNativeQuery("update guard_held set released = 1 where removal_key = :key")
                .setParameter("key", key).executeUpdate();
    }

    private List<HeldRemoval> rows(String where, String key) {
        var query = em.createNativeQuery("select " + HELD_COLUMNS + " from guard_held " + where
                + " order by held_since, removal_key");
        if (key != null) {
            query.setParameter("key", key);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new HeldRemoval((String) r[0], Removal.Kind.fromWireName((String) r[1]),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                Instant.ofEpochMilli(((Number) r[9]).longValue()), ((Number) r[10]).intValue() == 1)).toList();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Runs {@code work} in a new transaction. */
    static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
