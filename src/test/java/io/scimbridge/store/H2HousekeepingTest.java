package io.scimbridge.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code WRITE_DELAY=0} (as the bridge runs H2) H2 does no housekeeping of its own. Each commit
 * writes a chunk holding the pages it changed; a chunk is freed only once none of its pages is live,
 * and a leaf written by a commit stays live until a later commit touches that leaf again. Spread
 * over many leaves (random updates, as the IdP's changes are), the file ends up holding about one
 * chunk per leaf: many times the live data. The bridge's housekeeping rewrites the few live pages
 * of sparse chunks so their space is reused. Retention time 0 here so that freed space is reused at
 * once instead of after H2's 45 seconds.
 */
class H2HousekeepingTest {

    @TempDir
    Path dir;

    private static final int ROWS = 10_000;
    private static final int UPDATES = 10_000;

    @Test
    void randomUpdatesBloatTheFileWithoutHousekeepingAndNotWithIt() throws Exception {
        long without = fileSizeAfterRandomUpdates(dir.resolve("without"), false);
        long with = fileSizeAfterRandomUpdates(dir.resolve("with"), true);
        System.out.printf("[h2] %d random single-row commits over %d rows: file %d KiB without housekeeping,"
                + " %d KiB with%n", UPDATES, ROWS, without / 1024, with / 1024);
        assertTrue(with * 2 < without, "housekeeping should at least halve the file: with " + with + " vs without " + without);
    }

    private static long fileSizeAfterRandomUpdates(Path dir, boolean housekeeping) throws SQLException, java.io.IOException {
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0";
        java.util.Random random = new java.util.Random(42);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("create table t (id int primary key, v varchar(200), w varchar(200))");
                s.execute("create index t_v on t (v)");
                s.execute("create index t_w on t (w)");
                s.execute("insert into t select x, 'value ' || x, 'other ' || x from system_range(1, " + ROWS + ")");
            }
            MVStore store = H2Housekeeping.mvStore(c).orElseThrow();
            try (PreparedStatement update = c.prepareStatement("update t set v = ?, w = ? where id = ?")) {
                for (int i = 1; i <= UPDATES; i++) {
                    int id = 1 + random.nextInt(ROWS);
                    update.setString(1, "changed " + i + " value " + id);
                    update.setString(2, "changed " + i + " other " + id);
                    update.setInt(3, id);
                    update.executeUpdate(); // auto-commit: one commit, one chunk
                    if (housekeeping && i % 500 == 0) {
                        H2Housekeeping.compact(store);
                    }
                }
            }
            return Files.size(dir.resolve("db.mv.db"));
        }
    }
}
