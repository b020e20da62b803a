package io.scimbridge.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * One runner at a time, across every replica on one database, for a background flow that
 * computes the whole desired state of something in AWS and writes it (the session-revocation
 * policies, the account assignments). Two replicas running it at once would each write what they read at a different
 * moment, and the older picture could overwrite the newer one (a leaver's Deny taken out again
 * until the next full run).
 *
 * <p>On PostgreSQL: a session advisory lock ({@code pg_try_advisory_lock}) held on one connection
 * for the length of the run, so a replica that dies releases it with its connection. The embedded
 * store has one process: a lock in this process is all there is to take. A flow that finds the
 * lock taken does not wait; it runs again after the other runner, as its caller decides.
 */
@ApplicationScoped
public class RunLock {

    private static final Logger LOG = Logger.getLogger(RunLock.class);

    private final DataSource dataSource;
    private final Map<String, ReentrantLock> inThisProcess = new ConcurrentHashMap<>();
    private volatile Boolean shared;

    public RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} when no other runner of {@code flow} is running, here or in another
     * replica; empty when one is.
     */
    public <T> Optional<T> runIfFree(String flow, Supplier<T> work) {
        ReentrantLock local = inThisProcess.computeIfAbsent(flow, f -> new ReentrantLock());
        if (!local.tryLock()) {
            return Optional.empty();
        }
        try {
            return sharedByReplicas() ? runHoldingAdvisoryLock(flow, work) : Optional.ofNullable(work.get());
        } finally {
            local.unlock();
        }
    }

    private <T> Optional<T> runHoldingAdvisoryLock(String flow, Supplier<T> work) {
        long key = key(flow);
        try (Connection connection = dataSource.getConnection()) {
            if (!advisory(connection, "select pg_try_advisory_lock(?)", key)) {
                LOG.debugf("%s: another replica is running it", flow);
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.get());
            } finally {
                if (!advisory(connection, "select pg_advisory_unlock(?)", key)) {
                    LOG.warnf("%s: the advisory lock was not held at the end of the run", flow);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the run lock of " + flow + ": " + e.getMessage(), e);
        }
    }

    private static boolean advisory(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private boolean sharedByReplicas() {
        Boolean known = shared;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot reach the store: " + e.getMessage(), e);
            }
            shared = known;
        }
        return known;
    }

    /** The advisory lock's 64-bit key: the first 8 bytes of SHA-256("scim-bridge:" + flow), stable across releases. */
    static long key(String flow) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("scim-bridge:" + flow).getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
