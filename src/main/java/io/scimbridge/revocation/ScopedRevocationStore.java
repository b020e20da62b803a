package io.scimbridge.revocation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users denied in one permission set (table session_revocation_scope, V10), in portable SQL. */
@ApplicationScoped
public class ScopedRevocationStore {

    private static final String COLUMNS = "ic_user_id, permission_set_arn, group_id, source, requested_at, revoked_at,"
            + " expires_at, in_force_at";

    private final EntityManager em;

    public ScopedRevocationStore(EntityManager em) {
        this.em = em;
    }

    /** Adds the entry; one already there keeps its start, only its expiry moves later. Whether it is new. */
    public boolean add(ScopedRevocation r) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int updated = em.createNativeQuery("update session_revocation_scope set expires_at = case when expires_at"
                            + " < :expires then :expires else expires_at end where ic_user_id = :id and permission_set_arn = :ps")
                    .setParameter("expires", r.expiresAt().toEpochMilli()).setParameter("id", r.icUserId())
                    .setParameter("ps", r.permissionSetArn()).executeUpdate();
            if (updated > 0) {
                return false;
            }
            em.createNativeQuery("insert into session_revocation_scope (" + COLUMNS + ") values (:id, :ps, :group,"
                            + " :source, :requested, :revoked, :expires, null)")
                    .setParameter("id", r.icUserId()).setParameter("ps", r.permissionSetArn())
                    .setParameter("group", r.groupId()).setParameter("source", r.source())
                    .setParameter("requested", r.requestedAt().toEpochMilli())
                    .setParameter("revoked", r.revokedAt().toEpochMilli())
                    .setParameter("expires", r.expiresAt().toEpochMilli()).executeUpdate();
            return true;
        });
    }

    /** Takes the user off the set's list (it has the set again through a group); what it was. */
    public Optional<ScopedRevocation> remove(String icUserId, String permissionSetArn) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<ScopedRevocation> found = rows("where ic_user_id = :id and permission_set_arn = :ps",
                    Map.of("id", icUserId, "ps", permissionSetArn)).stream().findFirst();
            found.ifPresent(r -> em.createNativeQuery("delete from session_revocation_scope where ic_user_id = :id"
                    + " and permission_set_arn = :ps").setParameter("id", icUserId).setParameter("ps", permissionSetArn)
                    .executeUpdate());
            return found;
        });
    }

    /** The entries of these users. */
    public List<ScopedRevocation> ofUsers(Collection<String> icUserIds) {
        if (icUserIds.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> rows("where ic_user_id in (:ids)",
                Map.of("ids", List.copyOf(icUserIds))));
    }

    public List<ScopedRevocation> all() {
        return QuarkusTransaction.joiningExisting().call(() -> rows("order by revoked_at, ic_user_id", Map.of()));
    }

    /** Records when each entry was first in force: permission set ARN -> ids its accounts deny. */
    public void placed(Map<String, Set<String>> inForce, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (ScopedRevocation r : rows("where in_force_at is null", Map.of())) {
                if (inForce.getOrDefault(r.permissionSetArn(), Set.of()).contains(r.icUserId())) {
                    em.createNativeQuery("update session_revocation_scope set in_force_at = :now where ic_user_id = :id"
                                    + " and permission_set_arn = :ps").setParameter("now", now.toEpochMilli())
                            .setParameter("id", r.icUserId()).setParameter("ps", r.permissionSetArn()).executeUpdate();
                }
            }
        });
    }

    /** Removes the entries whose hold ended and whose set no longer names them; returns them. */
    public List<ScopedRevocation> forgetExpired(Instant now, Map<String, Set<String>> held) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ScopedRevocation> expired = rows("where expires_at <= :now", Map.of("now", now.toEpochMilli())).stream()
                    .filter(r -> !held.getOrDefault(r.permissionSetArn(), Set.of()).contains(r.icUserId())).toList();
            for (ScopedRevocation r : expired) {
                em.createNativeQuery("delete from session_revocation_scope where ic_user_id = :id and permission_set_arn = :ps")
                        .setParameter("id", r.icUserId()).setParameter("ps", r.permissionSetArn()).executeUpdate();
            }
            return expired;
        });
    }

    /** Everything (tests' wipe). */
    public void clear() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from session_revocation_scope")
                .executeUpdate());
    }

    private List<ScopedRevocation> rows(String where, Map<String, Object> parameters) {
        var query = em.createNativeQuery("select " + COLUMNS + " from session_revocation_scope " + where);
        parameters.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new ScopedRevocation((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                millis(r[4]), millis(r[5]), millis(r[6]), millis(r[7]))).toList();
    }

    private static Instant millis(Object value) {
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }
}
