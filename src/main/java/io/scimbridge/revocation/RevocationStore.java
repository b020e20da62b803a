package io.scimbridge.revocation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The deny list (table session_revocation, V9), in portable SQL; times as epoch milliseconds. */
@ApplicationScoped
public class RevocationStore {

    private static final String COLUMNS = "ic_user_id, resource_id, source, reason, requested_at, revoked_at, expires_at,"
            + " in_force_at, placement";

    private final EntityManager em;

    public RevocationStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Puts a user on the list; a user already on it keeps its entry (the first leave counts: its
     * sessions were issued before it), only its expiry moves later if the new one is.
     */
    public void add(Revocation r) {
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = em.createNativeQuery("update session_revocation set expires_at = case when expires_at < :expires"
                            + " then :expires else expires_at end where ic_user_id = :id")
                    .setParameter("expires", r.expiresAt().toEpochMilli()).setParameter("id", r.icUserId()).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("insert into session_revocation (" + COLUMNS + ") values (:id, :resource, :source,"
                                + " :reason, :requested, :revoked, :expires, null, null)")
                        .setParameter("id", r.icUserId()).setParameter("resource", r.resourceId())
                        .setParameter("source", r.source()).setParameter("reason", r.reason())
                        .setParameter("requested", r.requestedAt().toEpochMilli())
                        .setParameter("revoked", r.revokedAt().toEpochMilli())
                        .setParameter("expires", r.expiresAt().toEpochMilli()).executeUpdate();
            }
        });
    }

    /** Takes a user off the list; what it was, if it was on it. */
    public Optional<Revocation> remove(String icUserId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Revocation> found = find(icUserId);
            found.ifPresent(r -> em.createNativeQuery("delete from session_revocation where ic_user_id = :id")
                    .setParameter("id", icUserId).executeUpdate());
            return found;
        });
    }

    public Optional<Revocation> find(String icUserId) {
        return QuarkusTransaction.joiningExisting().call(() -> rows("where ic_user_id = :id", Map.of("id", icUserId))
                .stream().findFirst());
    }

    /** Everyone on the list, longest denied first. */
    public List<Revocation> all() {
        return QuarkusTransaction.joiningExisting().call(() -> rows("order by revoked_at, ic_user_id", Map.of()));
    }

    /** Records where each id is in force now; those without a placement are pending. */
    public void placed(Map<String, String> placements, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Revocation r : rows("", Map.of())) {
                String placement = placements.get(r.icUserId());
                if (java.util.Objects.equals(placement, r.placement()) && (placement == null || r.inForceAt() != null)) {
                    continue;
                }
                em.createNativeQuery("update session_revocation set placement = :placement, in_force_at = "
                                + (placement != null && r.inForceAt() == null ? ":now" : "in_force_at")
                                + " where ic_user_id = :id")
                        .setParameter("placement", placement).setParameter("id", r.icUserId())
                        .setParameter("now", now.toEpochMilli()).executeUpdate();
            }
        });
    }

    /** Removes the entries whose hold ended and that AWS no longer holds; returns them. */
    public List<Revocation> forgetExpired(Instant now, java.util.Set<String> stillInAws) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Revocation> expired = rows("where expires_at <= :now", Map.of("now", now.toEpochMilli())).stream()
                    .filter(r -> !stillInAws.contains(r.icUserId())).toList();
            for (Revocation r : expired) {
                em.createNativeQuery("delete from session_revocation where ic_user_id = :id")
                        .setParameter("id", r.icUserId()).executeUpdate();
            }
            return expired;
        });
    }

    /** When the resource's pending change reached the bridge (its dirty mark), if it has one. */
    public Optional<Instant> markedAt(String resourceId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery("select marked_at from ic_outbox where resource_id = :id")
                    .setParameter("id", resourceId).getResultList();
            return rows.stream().findFirst().map(RevocationStore::instant);
        });
    }

    /** Everything (tests' wipe). */
    public void clear() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from session_revocation").executeUpdate());
    }

    private List<Revocation> rows(String where, Map<String, Object> parameters) {
        var query = em.createNativeQuery("select " + COLUMNS + " from session_revocation " + where);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Revocation((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                millis(r[4]), millis(r[5]), millis(r[6]), millis(r[7]), (String) r[8])).toList();
    }

    private static Instant millis(Object value) {
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return OffsetDateTime.parse(value.toString().replace(' ', 'T')).toInstant();
    }
}
