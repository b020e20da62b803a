package io.scimbridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * A database that is down is an outage, not a bug: the IdP gets a SCIM 503 (RFC 7644 §3.12 body,
 * application/scim+json) with Retry-After and tries again later, instead of a 500. The fault drill
 * FaultDrillsBenchIT (PostgreSQL restart) shows the same on the built jar.
 */
class StoreOutageMappingTest {

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
