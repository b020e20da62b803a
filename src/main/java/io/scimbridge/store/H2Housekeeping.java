package io.scimbridge.store;

import io.quarkus.scheduler.Scheduled;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded H2 file from growing without bound under sustained writes.
 *
 * <p>The store runs H2 with {@code WRITE_DELAY=0} so that every commit is in the file before the
 * IdP gets its answer (a kill -9 loses nothing accepted). That setting also stops H2's background
 * writer thread, and with it H2's own housekeeping: chunks that still hold a few live pages are
 * never rewritten, so their space is never reused, and a 100,000-user initial sync grew the file by
 * about 20 MB a second. This task does what the background thread would: it rewrites the live
 * pages of sparse chunks (a bounded amount per run) so that H2 can reuse their space.
 *
 * <p>A no-op on PostgreSQL (the connection is not H2's).
 */
@ApplicationScoped
public class H2Housekeeping {

    private static final Logger LOG = Logger.getLogger(H2Housekeeping.class);

    /** Chunks with fewer live bytes than this percentage are rewritten (H2's own default is similar). */
    static final int TARGET_FILL_RATE = 80;
    /** At most this many bytes rewritten per compaction call, so one run never stalls writers for long. */
    static final int WRITE_PER_CALL = 4 * 1024 * 1024;
    /** Compaction calls per run at most. */
    static final int CALLS_PER_RUN = 16;

    private final AgroalDataSource dataSource;
    private volatile boolean notH2;

    public H2Housekeeping(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${bridge.store.h2-housekeeping-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (notH2) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> store = mvStore(connection);
            if (store.isEmpty()) {
                notH2 = true;
                return;
            }
            compact(store.get());
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("H2 housekeeping skipped this time: %s", e.toString());
        }
    }

    /** Rewrites sparse chunks until none is left below the target or this run's budget is spent; the calls made. */
    static int compact(MVStore store) {
        int calls = 0;
        while (calls < CALLS_PER_RUN && !store.isClosed() && store.compact(TARGET_FILL_RATE, WRITE_PER_CALL)) {
            calls++;
        }
        return calls;
    }

    static Optional<MVStore> mvStore(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || session.getDatabase().getStore() == null) {
            return Optional.empty(); // PostgreSQL, or H2 over TCP, or in-memory without a store
        }
        return Optional.of(session.getDatabase().getStore().getMvStore());
    }
}
