package io.scimbridge.store.sqlite;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteConnection;

/**
 * Keeps the SQLite file proportional to the data. SQLite reuses freed pages for new rows by
 * itself; what a burst of deletions frees (a leaver wave, an audit purge) stays in the file as free
 * pages until given back. With {@code auto_vacuum=incremental} (set when the file is created) this
 * task gives back at most {@value #PAGES_PER_RUN} free pages a run once more than a tenth of the
 * file is free, inside a write transaction like any other (short: the writer is not held long).
 * A no-op on PostgreSQL.
 */
@ApplicationScoped
public class SqliteHousekeeping {

    private static final Logger LOG = Logger.getLogger(SqliteHousekeeping.class);

    /** 2,000 pages of 4 KiB: 8 MB a run, some tens of milliseconds. */
    static final int PAGES_PER_RUN = 2000;

    private final EntityManager em;

    public SqliteHousekeeping(EntityManager em) {
        this.em = em;
    }

    @Scheduled(every = "${bridge.store.housekeeping-interval:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(SqliteHousekeeping::vacuumSome));
        } catch (RuntimeException e) {
            LOG.debugf("Store housekeeping skipped this time: %s", e.toString());
        }
    }

    /** Gives back free pages when more than a tenth of the file is free; the pages given back. */
    static long vacuumSome(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(SQLiteConnection.class)) {
            return 0;
        }
        long pages = pragma(connection, "page_count");
        long free = pragma(connection, "freelist_count");
        if (free == 0 || free * 10 < pages) {
            return 0;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("pragma incremental_vacuum(" + PAGES_PER_RUN + ")");
        }
        long given = free - pragma(connection, "freelist_count");
        LOG.debugf("Store housekeeping gave back %d of %d free pages (file: %d pages)", given, free, pages);
        return given;
    }

    static long pragma(Connection connection, String name) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("pragma " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
