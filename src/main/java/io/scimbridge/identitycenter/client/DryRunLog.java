package io.scimbridge.identitycenter.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.store.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/** Where dry-run calls are kept (table ic_dry_run_call) and logged. */
@ApplicationScoped
public class DryRunLog implements DryRunIdentityCenterClient.Recorder {

    private static final Logger LOG = Logger.getLogger(DryRunLog.class);

    /** One call that would have been made. */
    public record Call(long seq, OffsetDateTime at, String method, String path, String body) {}

    private final EntityManager em;

    public DryRunLog(EntityManager em) {
        this.em = em;
    }

    @Override
    public void record(String method, String path, ObjectNode body) {
        LOG.infof("dry-run: %s %s %s", method, path, body == null ? "" : body);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into ic_dry_run_call (at, method, path, body) values (:at, :method, :path, :body)")
                .setParameter("at", OffsetDateTime.now(ZoneOffset.UTC)).setParameter("method", method)
                .setParameter("path", path).setParameter("body", body == null ? null : body.toString()).executeUpdate());
    }

    /** The newest calls, oldest first. */
    public List<Call> recent(int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select seq, at, method, path, body from ic_dry_run_call"
                    + " order by seq desc").setMaxResults(limit).getResultList();
            return rows.reversed().stream().map(r -> new Call(((Number) r[0]).longValue(),
                    NativeValues.offsetDateTime(r[1]),
                    (String) r[2], (String) r[3], r[4] == null ? null : r[4].toString())).toList();
        });
    }
}
