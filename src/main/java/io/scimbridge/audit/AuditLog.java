package io.scimbridge.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.store.NativeValues;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Reading the audit log (admin API, status page) and purging it after the retention period. */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final EntityManager em;
    private final AuditWriter writer;
    private final AuditConfig config;

    public AuditLog(EntityManager em, AuditWriter writer, AuditConfig config) {
        this.em = em;
        this.writer = writer;
        this.config = config;
    }

    /** The latest {@code limit} entries (at most 1000), newest first. */
    public List<AuditEntry> recent(int limit) {
        return search(AuditQuery.recent(limit)).entries();
    }

    public AuditPage search(AuditQuery query) {
        writer.flush();
        StringBuilder sql = new StringBuilder("select id, at, source, operation, resource_type, resource_id, name,"
                + " external_id, status, scim_type, correlation_id, patch_ops from audit_entry where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        criterion(sql, parameters, "source", "source = :source", query.source());
        criterion(sql, parameters, "resourceId", "resource_id = :resourceId", query.resourceId());
        criterion(sql, parameters, "since", "at >= :since",
                query.since() == null ? null : query.since().atOffset(ZoneOffset.UTC));
        criterion(sql, parameters, "operation", "operation = :operation",
                query.operation() == null ? null : query.operation().wireName());
        criterion(sql, parameters, "minStatus", "status >= :minStatus", query.minStatus());
        criterion(sql, parameters, "maxStatus", "status <= :maxStatus", query.maxStatus());
        criterion(sql, parameters, "before", "id < :before", query.before());
        sql.append(" order by id desc");
        return QuarkusTransaction.joiningExisting().call(() -> {
            Query q = em.createNativeQuery(sql.toString()).setMaxResults(query.limit() + 1);
            parameters.forEach(q::setParameter);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = q.getResultList();
            List<AuditEntry> entries = new ArrayList<>();
            for (Object[] r : rows.subList(0, Math.min(rows.size(), query.limit()))) {
                int status = ((Number) r[8]).intValue();
                entries.add(new AuditEntry(((Number) r[0]).longValue(), NativeValues.instant(r[1]), (String) r[2], (String) r[3],
                        (String) r[4], (String) r[5], (String) r[6], (String) r[7], status, (String) r[9],
                        AuditEntry.outcomeOf(status), (String) r[10], PatchSummary.split((String) r[11])));
            }
            Long next = rows.size() > query.limit() ? entries.getLast().id() : null;
            return new AuditPage(List.copyOf(entries), next);
        });
    }

    private static void criterion(StringBuilder sql, Map<String, Object> parameters, String name, String condition,
                                  Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            parameters.put(name, value);
        }
    }

    /** Deletes the entries older than the retention period, as of {@code now}; returns how many. */
    public int purge(Instant now) {
        OffsetDateTime cutoff = now.minus(config.retention()).atOffset(ZoneOffset.UTC);
        writer.flush();
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("delete from audit_entry where at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
    }

    @Scheduled(every = "${bridge.audit.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        if (!config.enabled()) {
            return;
        }
        try {
            int purged = purge(Instant.now());
            if (purged > 0) {
                LOG.infof("Audit log: purged %d entries older than %s", purged, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Audit log purge failed, will try again: %s", e.toString());
        }
    }
}
