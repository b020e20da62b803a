package io.scimbridge.iamusers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.store.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Stage-1 records (table iam_user_retirement, V13), portable SQL; times as epoch milliseconds. */
@ApplicationScoped
public class RetirementStore {

    private final EntityManager em;

    public RetirementStore(EntityManager em) {
        this.em = em;
    }

    public void disabled(Retirement r) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from iam_user_retirement where account_id = :a and user_name = :u")
                    .setParameter("a", r.accountId()).setParameter("u", r.userName()).executeUpdate();
            em.createNativeQuery("insert into iam_user_retirement (account_id, user_name, disabled_at, disabled_keys,"
                            + " had_password, deleted_at) values (:a, :u, :at, :keys, :pw, null)")
                    .setParameter("a", r.accountId()).setParameter("u", r.userName())
                    .setParameter("at", r.disabledAt().toEpochMilli()).setParameter("keys", String.join(",", r.disabledKeys()))
                    .setParameter("pw", r.hadPassword() ? 1 : 0).executeUpdate();
        });
    }

    public void deleted(String accountId, String userName, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update iam_user_retirement set deleted_at = :at where account_id = :a and user_name = :u")
                .setParameter("at", at.toEpochMilli()).setParameter("a", accountId).setParameter("u", userName)
                .executeUpdate());
    }

    public void forget(String accountId, String userName) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from iam_user_retirement where account_id = :a and user_name = :u")
                .setParameter("a", accountId).setParameter("u", userName).executeUpdate());
    }

    public List<Retirement> all() {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select account_id, user_name, disabled_at, disabled_keys,"
                    + " had_password, deleted_at from iam_user_retirement order by account_id, user_name").getResultList();
            return rows.stream().map(RetirementStore::retirement).toList();
        });
    }

    private static Retirement retirement(Object[] r) {
        String keys = (String) r[3];
        return new Retirement((String) r[0], (String) r[1], NativeValues.instant(r[2]),
                keys.isEmpty() ? List.of() : Arrays.asList(keys.split(",")), NativeValues.bool(r[4]),
                Optional.ofNullable(NativeValues.instant(r[5])));
    }
}
