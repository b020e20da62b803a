package io.scimbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.testing.QuietLogger;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database that is down is an outage, not a bug: the IdP gets a SCIM 503 (RFC 7644 §3.12 body,
 * application/scim+json) with Retry-After and tries again later, instead of a 500. The fault drill
 * FaultDrillsBenchIT (PostgreSQL restart) shows the same on the built jar.
 */
class StoreOutageMappingTest {

    /** Every case is a 5xx, which the mapper logs at WARN with its stack trace: some 1,600 lines a run. */
    @RegisterExtension
    static final QuietLogger EXPECTED_5XX = new QuietLogger(ScimErrorMapper.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConnectionRefusedByTheDatabaseIsA503WithRetryAfter() throws Exception {
        Response r = new ScimExceptionMappers.Persistence().toResponse(new JDBCConnectionException("could not open",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));

        assertScim503(r);
    }

    @Test
    void aPoolThatCannotHandOutAConnectionIsA503() throws Exception {
        // Agroal's acquisition timeout, surfacing through a transaction that could not begin
        RuntimeException e = new IllegalStateException("transaction failed",
                new SQLTransientConnectionException("Sorry, acquisition timeout!"));

        assertScim503(new ScimExceptionMappers.Unexpected().toResponse(e));
    }

    @Test
    void aCommitCutOffByADatabaseShutdownIsA503() throws Exception {
        // As seen in the PostgreSQL drill: the driver's admin_shutdown (57P01) hangs off a suppressed
        // XAException of the RollbackException that Arc wraps around the endpoint's failed commit.
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        RuntimeException e = new RuntimeException("Error invoking subclass method", rollback);

        assertScim503(new ScimExceptionMappers.Unexpected().toResponse(e));
    }

    /**
     * Contention is not a bug either: eight PATCHes replacing a 20,000-member list waited on each
     * other's locks into the 60 s transaction timeout and answered 500, so the IdP retried into
     * the same wall at once. Lock and statement timeouts, deadlocks and a transaction the reaper
     * rolled back are 503 with Retry-After, whichever driver reports them (SQLite by message only).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("busyStores")
    void aBusyStoreIsA503WithRetryAfter(String name, Throwable failure) throws Exception {
        Response r = failure instanceof PersistenceException p
                ? new ScimExceptionMappers.Persistence().toResponse(p)
                : new ScimExceptionMappers.Unexpected().toResponse(failure);

        assertScim503(r);
        assertTrue(JSON.readTree((byte[]) r.getEntity()).path("detail").asText().contains("busy"));
    }

    static Stream<Arguments> busyStores() {
        return Stream.of(
                arguments("JPA lock timeout", new LockTimeoutException("lock timeout")),
                arguments("JPA pessimistic lock", new PessimisticLockException("could not obtain lock")),
                arguments("JPA query timeout", new QueryTimeoutException("statement timed out")),
                arguments("Hibernate lock acquisition, wrapped", new IllegalStateException("tx failed",
                        new LockAcquisitionException("could not execute statement", new SQLException("deadlock", "40P01")))),
                arguments("PostgreSQL lock not available", wrapped(new SQLException("could not obtain lock on row", "55P03"))),
                arguments("PostgreSQL statement timeout", wrapped(new SQLException("canceling statement due to statement timeout", "57014"))),
                arguments("H2 lock timeout", wrapped(new SQLException("Timeout trying to lock table \"SCIM_RESOURCE\"", "HYT00", 50200))),
                arguments("SQLite SQLITE_BUSY", wrapped(new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)", null, 5))),
                arguments("SQLite SQLITE_BUSY_SNAPSHOT", wrapped(new SQLException("[SQLITE_BUSY_SNAPSHOT] Another database connection has already written", null, 517))),
                arguments("SQLite SQLITE_LOCKED", wrapped(new SQLException("[SQLITE_LOCKED] A table in the database is locked (database table is locked)", null, 6))),
                arguments("SQLite busy as a PersistenceException", new PersistenceException("could not execute statement",
                        new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)"))),
                arguments("transaction rolled back by the reaper after its timeout", new RuntimeException("Error invoking subclass method",
                        new RollbackException("ARJUNA016102: The transaction is not active! Uid is 0:ffff7f000001:9edb:6b13fb80:3c"))));
    }

    private static RuntimeException wrapped(SQLException e) {
        return new RuntimeException("Error invoking subclass method", new PersistenceException("could not execute statement", e));
    }

    @Test
    void anErrorOrACheckedExceptionIsA500InScimJson() throws Exception {
        for (Throwable t : new Throwable[] {new OutOfMemoryError("Java heap space"), new java.io.IOException("disk")}) {
            Response r = new ScimExceptionMappers.Unexpected().toResponse(t);
            assertEquals(500, r.getStatus());
            assertEquals("application/scim+json", r.getMediaType().toString());
            JsonNode body = JSON.readTree((byte[]) r.getEntity());
            assertEquals("Internal error", body.path("detail").asText());
            assertNull(r.getHeaderString("Retry-After"));
        }
    }

    @Test
    void aBugStaysA500WithoutRetryAfter() {
        Response r = new ScimExceptionMappers.Unexpected().toResponse(new IllegalStateException("oops",
                new SQLException("syntax error", "42601")));

        assertEquals(500, r.getStatus());
        assertNull(r.getHeaderString("Retry-After"));
    }

    @Test
    void aNameTakenStaysA409() {
        Response r = new ScimExceptionMappers.Persistence().toResponse(new PersistenceException("insert failed",
                new SQLException("duplicate key value violates unique constraint \"uq_resource_name\"", "23505")));

        assertEquals(409, r.getStatus());
        assertNull(r.getHeaderString("Retry-After"));
    }

    private static void assertScim503(Response r) throws Exception {
        assertEquals(503, r.getStatus());
        assertEquals("application/scim+json", r.getMediaType().toString());
        assertEquals(ScimExceptionMappers.STORE_RETRY_AFTER_SECONDS, r.getHeaderString("Retry-After"));
        JsonNode body = JSON.readTree((byte[]) r.getEntity());
        assertEquals("503", body.path("status").asText());
        assertTrue(body.path("schemas").toString().contains("urn:ietf:params:scim:api:messages:2.0:Error"), body.toString());
    }
}
