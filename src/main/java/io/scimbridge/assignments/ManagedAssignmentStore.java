package io.scimbridge.assignments;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The managed assignments: those the bridge created, with the rule that wanted them, per Identity
 * Center instance (table {@code managed_assignment}). Each write is its own short transaction.
 *
 * <p>{@link #listener(String)} keeps the records in step with an apply: recorded before the first
 * CreateAccountAssignment (write-ahead), forgotten after a FAILED creation or a SUCCEEDED deletion;
 * an UNKNOWN outcome keeps the record, and the next plan sees what AWS really holds.
 */
@ApplicationScoped
public class ManagedAssignmentStore {

    private final EntityManager em;

    public ManagedAssignmentStore(EntityManager em) {
        this.em = em;
    }

    /** Every managed assignment of the instance, with the rule that created it. */
    public Map<Assignment, String> all(String instanceArn) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select permission_set_arn, account_id, principal_type, principal_id,"
                    + " rule_name from managed_assignment where instance_arn = :instance")
                    .setParameter("instance", instanceArn).getResultList();
            Map<Assignment, String> managed = new HashMap<>();
            for (Object[] row : rows) {
                managed.put(new Assignment((String) row[0], (String) row[1], PrincipalType.valueOf((String) row[2]),
                        (String) row[3]), (String) row[4]);
            }
            return managed;
        });
    }

    /**
     * The managed assignments of these groups (Identity Center ids), in any instance, with the rule
     * that created each: what the bridge knows a group gives without asking AWS.
     */
    public Map<Assignment, String> ofGroups(Collection<String> groupIcIds) {
        if (groupIcIds.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select permission_set_arn, account_id, principal_id, rule_name"
                    + " from managed_assignment where principal_type = 'GROUP' and principal_id in (:groups)")
                    .setParameter("groups", List.copyOf(groupIcIds)).getResultList();
            Map<Assignment, String> managed = new HashMap<>();
            for (Object[] row : rows) {
                managed.put(Assignment.group((String) row[0], (String) row[1], (String) row[2]), (String) row[3]);
            }
            return managed;
        });
    }

    /** Records an assignment as managed; a record already there keeps its rule and date. */
    public void record(String instanceArn, Assignment assignment, String rule) {
        QuarkusTransaction.requiringNew().run(() -> {
            Number existing = (Number) where(em.createNativeQuery("select count(*) from managed_assignment"
                    + " where instance_arn = :instance and permission_set_arn = :ps and account_id = :account"
                    + " and principal_type = :type and principal_id = :principal"), instanceArn, assignment)
                    .getSingleResult();
            if (existing.longValue() == 0) {
                where(em.createNativeQuery("insert into managed_assignment (instance_arn, permission_set_arn, account_id,"
                        + " principal_type, principal_id, rule_name, created_at)"
                        + " values (:instance, :ps, :account, :type, :principal, :rule, :now)"), instanceArn, assignment)
                        .setParameter("rule", rule == null ? "" : rule)
                        .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                        .executeUpdate();
            }
        });
    }

    public void forget(String instanceArn, Collection<Assignment> assignments) {
        if (assignments.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (Assignment assignment : assignments) {
                where(em.createNativeQuery("delete from managed_assignment where instance_arn = :instance"
                        + " and permission_set_arn = :ps and account_id = :account and principal_type = :type"
                        + " and principal_id = :principal"), instanceArn, assignment).executeUpdate();
            }
        });
    }

    /** Keeps the records in step with an apply in {@code instanceArn}. */
    public AssignmentApplier.Listener listener(String instanceArn) {
        return new AssignmentApplier.Listener() {
            @Override
            public void beforeCreate(Change.Create create) {
                record(instanceArn, create.assignment(), create.rule());
            }

            @Override
            public void completed(ApplyResult result) {
                boolean gone = switch (result.change()) {
                    case Change.Create c -> result.outcome() == ApplyResult.Outcome.FAILED;
                    case Change.Delete d -> result.outcome() == ApplyResult.Outcome.SUCCEEDED;
                };
                if (gone) {
                    forget(instanceArn, List.of(result.change().assignment()));
                }
            }
        };
    }

    private static jakarta.persistence.Query where(jakarta.persistence.Query query, String instanceArn, Assignment a) {
        return query.setParameter("instance", instanceArn).setParameter("ps", a.permissionSetArn())
                .setParameter("account", a.accountId()).setParameter("type", a.principalType().name())
                .setParameter("principal", a.principalId());
    }
}
