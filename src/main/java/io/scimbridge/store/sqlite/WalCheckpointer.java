package io.scimbridge.store.sqlite;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteConnection;

/**
 * Copies the SQLite store's WAL back into the database file on a thread of its own, a few times a
 * second, so that no write pays for it.
 *
 * <p>Left to SQLite, the commit that takes the WAL past 1,000 pages runs the checkpoint itself:
 * it reads every page from the WAL, writes it to the file and fsyncs both, tens of milliseconds
 * under the store's one writer while every other write waits. Counted with strace under the
 * front-door POST load: about 76 page reads and 80 page writes per POST, part of them that
 * checkpoint. Here a {@code PASSIVE} checkpoint, which takes no writer lock, runs every
 * {@link #INTERVAL}; a page rewritten many times in between (an index's hot leaf) is copied once.
 * The commit-time checkpoint stays as a backstop at {@link #BACKSTOP_PAGES} pages, should this
 * thread fall behind or stop. A no-op on PostgreSQL.
 */
@ApplicationScoped
public class WalCheckpointer {

    private static final Logger LOG = Logger.getLogger(WalCheckpointer.class);

    static final Duration INTERVAL = Duration.ofMillis(200);
    /**
     * The WAL size (in pages) at which a commit checkpoints after all: 16 MB of 4 KiB pages. Under a
     * steady stream of writes a passive checkpoint never quite finishes (frames arrive while it
     * copies), so the WAL only starts over from such a commit; most of its pages are copied by then,
     * and this bounds the file.
     */
    static final int BACKSTOP_PAGES = 4_000;

    private final DataSource dataSource;
    private ScheduledExecutorService thread;
    /** Its own connection, outside the pool: under load the pool's are all in line for the writer. */
    private Connection connection;
    private boolean failing;

    public WalCheckpointer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent event) {
        String url;
        try (Connection pooled = dataSource.getConnection()) {
            if (!pooled.isWrapperFor(SQLiteConnection.class)) {
                return;
            }
            url = pooled.getMetaData().getURL();
            connection = new SqliteStoreDriver().connect(url, new Properties());
        } catch (SQLException e) {
            LOG.warnf("No WAL checkpoints off the write path (commits will checkpoint past %d pages): %s",
                    BACKSTOP_PAGES, e.toString());
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-checkpoint");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::run, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException, SQLException {
        if (thread != null) {
            thread.shutdown();
            thread.awaitTermination(5, TimeUnit.SECONDS);
            connection.close();
        }
    }

    private void run() {
        try {
            checkpoint(connection);
            if (failing) {
                failing = false;
                LOG.info("The store's WAL is checkpointed again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("Cannot checkpoint the store's WAL (commits will, past %d pages): %s", BACKSTOP_PAGES, e.toString());
            }
        }
    }

    /** One passive checkpoint; the WAL frames it could not copy yet (readers still need older ones). */
    static long checkpoint(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("pragma wal_checkpoint(PASSIVE)")) {
            return rs.next() ? rs.getLong(2) - rs.getLong(3) : 0;
        }
    }
}
