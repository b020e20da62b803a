package io.scimbridge.resource;

import io.quarkus.runtime.StartupEvent;
import io.scimbridge.scim.ResourceType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Every resource name the embedded store may hold, as 64-bit fingerprints in memory, so that the
 * question an IdP asks before each create ("{@code userName eq "x"}": is it there?) is answered
 * without the store when the answer is no, and a create checks its name's uniqueness under the
 * store's one writer without a query.
 *
 * <p>It may only err on the side of "maybe": a name is added before the row that holds it is
 * written (so before that write commits), and never taken out (a deleted or renamed resource's old
 * name stays a "maybe", which costs a query, nothing more). Loaded once at start, after the H2
 * import; until then every answer is "maybe".
 *
 * <p>Only on the embedded store: its one process writes it. Replicas on PostgreSQL write rows the
 * other replicas' memory never sees, so there every answer is "maybe".
 */
@ApplicationScoped
class KnownNames {

    private static final Logger LOG = Logger.getLogger(KnownNames.class);

    private final DataSource dataSource;
    private final Set<Long> fingerprints = ConcurrentHashMap.newKeySet();
    /** Set once the store's names are all in: before that, and on PostgreSQL, nothing is certain. */
    private volatile boolean complete;

    KnownNames(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True only when no resource of this source and type held this name key at the start, or has since. */
    boolean certainlyAbsent(String source, ResourceType type, String nameKey) {
        return complete && !fingerprints.contains(fingerprint(source, type.wireName(), nameKey));
    }

    /** Called before a row with this name key is written: from then on it is a "maybe". */
    void mayExist(String source, ResourceType type, String nameKey) {
        fingerprints.add(fingerprint(source, type.wireName(), nameKey));
    }

    /** After the H2 import (priority 1), before the IdP is likely to ask. */
    void load(@Observes @Priority(10) StartupEvent event) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!"SQLite".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            int names = 0;
            try (ResultSet rows = statement.executeQuery("select source, resource_type, name_key from scim_resource")) {
                while (rows.next()) {
                    fingerprints.add(fingerprint(rows.getString(1), rows.getString(2), rows.getString(3)));
                    names++;
                }
            }
            complete = true;
            LOG.debugf("Loaded %d resource names in %d ms", names, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            // not fatal: every name stays a "maybe", answered by the store
            LOG.warnf("Could not load the resource names, existence checks go to the store: %s", e.getMessage());
        }
    }

    /**
     * FNV-1a over the three strings (a separator between them), then a 64-bit finaliser
     * (SplitMix64's) to spread the bits. Two names sharing a fingerprint only make one of them a
     * "maybe".
     */
    static long fingerprint(String source, String type, String nameKey) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, source);
        h = fnv(h, type);
        h = fnv(h, nameKey);
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ 0xffff) * 0x100000001b3L; // the separator
    }
}
