package io.scimbridge.store.sqlite;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.scimbridge.store.StoreConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteConnection;

/**
 * At the first start of this release on a data dir that an H2 release wrote, imports the H2 store
 * into SQLite (one transaction: all or nothing), then renames the H2 file to a backup beside it.
 * Before anything else of the bridge uses the store (an early startup observer; a SCIM request
 * that comes in meanwhile waits for the writer). A crash between the commit and the rename is
 * harmless: a store that already holds data is never imported into again.
 */
@ApplicationScoped
public class H2ImportAtStart {

    private static final Logger LOG = Logger.getLogger(H2ImportAtStart.class);

    private final EntityManager em;
    private final Path storeDirectory;

    public H2ImportAtStart(EntityManager em, StoreConfig config) {
        this.em = em;
        this.storeDirectory = config.dataDir().resolve("store");
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        Path h2 = H2StoreImport.h2File(storeDirectory);
        if (!Files.isRegularFile(h2)) {
            return;
        }
        AtomicReference<String> outcome = new AtomicReference<>();
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> em.unwrap(Session.class).doWork(connection -> {
            if (!connection.isWrapperFor(SQLiteConnection.class)) {
                outcome.set("left alone: this build stores in PostgreSQL");
            } else if (H2StoreImport.holdsData(connection)) {
                outcome.set("already imported (the SQLite store holds data)");
            } else {
                long started = System.nanoTime();
                H2StoreImport.Result result = H2StoreImport.copy(h2, connection);
                outcome.set("imported " + result.total() + " rows in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms " + result.rows());
            }
        }));
        if (outcome.get().startsWith("left alone")) {
            LOG.warnf("Found an H2 store at %s, %s", h2, outcome.get());
            return;
        }
        Path backup = H2StoreImport.backupName(h2);
        try {
            Files.move(h2, backup);
            // H2 wrote its file 0644: the backup holds the same source state as the store, so
            // it gets the store's owner-only mode
            SqliteStoreDriver.makeOwnerOnly(backup);
        } catch (IOException e) {
            throw new UncheckedIOException("Imported the H2 store but could not rename it to " + backup, e);
        }
        LOG.infof("H2 store %s %s; the H2 file is kept as a backup at %s (delete it once you no longer need it)",
                h2, outcome.get(), backup);
    }
}
