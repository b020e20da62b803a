package io.scimbridge.identitycenter.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.correlation.CorrelationId;
import io.scimbridge.resource.ResourceChanged;
import io.scimbridge.rules.RulesChanged;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hibernate.Session;

/**
 * Marks a resource dirty in the transaction that changed it: the SCIM answer and the promise
 * to deliver commit together or not at all. A second change before delivery only bumps the
 * generation (coalescing: one delivery carries both). The mark keeps the correlation id of the
 * latest change (the SCIM request's X-Request-Id; none for the bridge's own re-marks), which the
 * delivery carries into its logs and its calls to Identity Center.
 */
@ApplicationScoped
public class DirtyMarks {

    private final EntityManager em;
    private final DeliveryWakeUp wakeUp;

    public DirtyMarks(EntityManager em, DeliveryWakeUp wakeUp) {
        this.em = em;
        this.wakeUp = wakeUp;
    }

    void onChange(@Observes ResourceChanged change) {
        mark(change.id(), change.type(), change.source(), change.revokesAccess());
    }

    /**
     * The rules changed what is forwarded or how: every resource is delivered again (the diff
     * against the shadow makes that a no-op for those the change did not touch).
     */
    void onRulesChanged(@Observes RulesChanged changed) {
        if (changed.forwardingChanged()) {
            QuarkusTransaction.requiringNew().run(this::markAll);
        }
    }

    /** Marks every resource dirty, in two statements; call inside a transaction. */
    public void markAll() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Correlation correlation = correlationValue();
        correlation.bind(em.createNativeQuery("update ic_outbox set generation = generation + 1, attempts = 0,"
                + " next_attempt_at = :now, dead = false, last_error = null, correlation_id = " + correlation.sql)
                .setParameter("now", now)).executeUpdate();
        correlation.bind(em.createNativeQuery("insert into ic_outbox (resource_id, resource_type, source, generation,"
                        + " marked_at, attempts, next_attempt_at, dead, correlation_id) select r.id, r.resource_type,"
                        + " r.source, 1, :now, 0, :now, false, " + correlation.sql
                        + " from scim_resource r where not exists (select 1 from ic_outbox o where o.resource_id = r.id)")
                .setParameter("now", now)).executeUpdate();
        wakeUp.afterCommit();
    }

    /** Marks one resource dirty at normal priority; call inside a transaction. */
    public void mark(String resourceId, ResourceType type, String source) {
        mark(resourceId, type, source, false);
    }

    /**
     * Marks one resource dirty; call inside a transaction. A change that revokes access puts the
     * mark ahead of every other (priority 0) until it is delivered; later changes never lower it.
     */
    public void mark(String resourceId, ResourceType type, String source, boolean revokesAccess) {
        Instant now = Instant.now();
        String correlationId = CorrelationId.current().orElse(null);
        int priority = revokesAccess ? PRIORITY_REVOKES_ACCESS : PRIORITY_NORMAL;
        // Plain JDBC on a statement the connection keeps: Hibernate's native-query machinery cost
        // several times the statement itself, under the writer (JFR, POSTs).
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, resourceId);
                upsert.setString(2, type.wireName());
                upsert.setString(3, source);
                NativeValues.setTimestamp(upsert, 4, now);
                NativeValues.setTimestamp(upsert, 5, now);
                upsert.setString(6, correlationId);
                upsert.setInt(7, priority);
                upsert.executeUpdate();
            }
        });
        wakeUp.afterCommit();
    }

    /**
     * One statement (an upsert, which SQLite and PostgreSQL spell alike): marking runs in every
     * IdP write, under the store's one writer. On a mark already there, a change that arrives while
     * it is due keeps its place in the queue (the queue serves the longest due first); one that
     * arrives while it backs off after a failure deserves a fresh attempt now.
     */
    private static final String UPSERT = "insert into ic_outbox (resource_id, resource_type, source, generation,"
            + " marked_at, attempts, next_attempt_at, dead, correlation_id, priority)"
            + " values (?, ?, ?, 1, ?, 0, ?, false, ?, ?)"
            + " on conflict (resource_id) do update set generation = ic_outbox.generation + 1, attempts = 0,"
            + " next_attempt_at = case when ic_outbox.next_attempt_at < excluded.next_attempt_at"
            + " then ic_outbox.next_attempt_at else excluded.next_attempt_at end,"
            + " priority = case when ic_outbox.priority < excluded.priority then ic_outbox.priority"
            + " else excluded.priority end,"
            + " dead = false, last_error = null, correlation_id = excluded.correlation_id";

    /** Queue priorities (ic_outbox.priority, V7): lower is served first. */
    static final int PRIORITY_REVOKES_ACCESS = 0;
    static final int PRIORITY_NORMAL = 1;

    /**
     * The current correlation id as SQL: a parameter, or the literal null (PostgreSQL cannot type
     * an untyped null parameter in an insert-select).
     */
    private record Correlation(String id, String sql) {
        Query bind(Query query) {
            return id == null ? query : query.setParameter("correlationId", id);
        }
    }

    private static Correlation correlationValue() {
        return CorrelationId.current().map(id -> new Correlation(id, ":correlationId"))
                .orElse(new Correlation(null, "null"));
    }
}
