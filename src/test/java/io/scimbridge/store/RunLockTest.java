package io.scimbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.testing.MachineParts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Two replicas on one PostgreSQL each run session revocation's loop; only one may run it at a
 * time. Replicas here are two {@link RunLock}s with their own connections, as two processes have.
 */
class RunLockTest {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finish = new CountDownLatch(1);

    @Test
    void theSecondReplicaSkipsWhileTheFirstRunsAndRunsOnceItIsDone() throws Exception {
        String flow = "test-flow-" + System.nanoTime();
        RunLock first = new RunLock(postgres());
        RunLock second = new RunLock(postgres());

        CompletableFuture<Optional<String>> running = CompletableFuture.supplyAsync(() -> first.runIfFree(flow, this::blockUntilFinished));
        assertTrue(started.await(30, TimeUnit.SECONDS));

        assertEquals(Optional.empty(), second.runIfFree(flow, () -> "second"), "the first replica is running");
        assertEquals(Optional.of("other"), second.runIfFree(flow + "-other", () -> "other"), "other flows are not held");
        finish.countDown();
        assertEquals(Optional.of("first"), running.get(30, TimeUnit.SECONDS));
        assertEquals(Optional.of("second"), second.runIfFree(flow, () -> "second"));
    }

    @Test
    void aReplicaThatDiesMidRunLeavesTheFlowToTheOthers() throws Exception {
        String flow = "test-flow-" + System.nanoTime();
        RunLock dying = new RunLock(postgres());
        RunLock survivor = new RunLock(postgres());
        CompletableFuture<Optional<String>> running = CompletableFuture.supplyAsync(() -> dying.runIfFree(flow, this::blockUntilFinished));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), survivor.runIfFree(flow, () -> "survivor"));

        // the dying replica's database session ends, as it does when its process is killed
        try (Connection admin = postgres().getConnection();
             PreparedStatement kill = admin.prepareStatement("select count(pg_terminate_backend(pid)) from pg_locks"
                     + " where locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = ?")) {
            kill.setLong(1, RunLock.key(flow));
            try (ResultSet rs = kill.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "one session held the run lock");
            }
        }

        assertEquals(Optional.of("survivor"), survivor.runIfFree(flow, () -> "survivor"));
        finish.countDown();
        running.handle((r, e) -> r).get(30, TimeUnit.SECONDS);
    }

    @Test
    void onTheEmbeddedStoreOneRunAtATimeInTheProcess() throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite::memory:");
        RunLock lock = new RunLock(sqlite);

        CompletableFuture<Optional<String>> running = CompletableFuture.supplyAsync(() -> lock.runIfFree("flow", this::blockUntilFinished));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), lock.runIfFree("flow", () -> "again"));
        finish.countDown();
        assertEquals(Optional.of("first"), running.get(30, TimeUnit.SECONDS));
        assertEquals(Optional.of("again"), lock.runIfFree("flow", () -> "again"));
    }

    private String blockUntilFinished() {
        started.countDown();
        try {
            assertTrue(finish.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "first";
    }

    private static PGSimpleDataSource postgres() {
        String url = System.getenv("BRIDGE_TEST_POSTGRES_URL");
        MachineParts.need(MachineParts.Part.POSTGRESQL, url != null && !url.isBlank(),
                "BRIDGE_TEST_POSTGRES_URL is not set: no PostgreSQL for two replicas to share");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }
}
