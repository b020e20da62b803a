package io.scimbridge.api;

import io.scimbridge.scim.ScimException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;

/** The members of the mapper family, one per kind of failure. */
public final class ScimExceptionMappers {

    private ScimExceptionMappers() {}

    @Provider
    public static class Scim extends ScimErrorMapper<ScimException> {
        @Override
        protected ScimException toScim(ScimException e) {
            return e;
        }

        @Override
        public Response toResponse(ScimException e) {
            return withRetryAfter(super.toResponse(e));
        }
    }

    /** JAX-RS's own refusals: unknown path, wrong method, unsupported media type, ... */
    @Provider
    public static class Web extends ScimErrorMapper<WebApplicationException> {
        @Override
        protected ScimException toScim(WebApplicationException e) {
            return switch (e) {
                case NotFoundException nf -> ScimException.notFound("No such endpoint or resource");
                case NotAllowedException na -> new ScimException(405, null, "Method not allowed on this endpoint");
                case NotSupportedException ns -> new ScimException(415, null, "Use Content-Type application/scim+json");
                default -> {
                    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
                    yield new ScimException(status, status == 400 ? "invalidSyntax" : null,
                            status >= 500 ? "Internal error" : "The request was refused");
                }
            };
        }
    }

    /**
     * The database refused a statement. A unique-constraint race between two requests creating
     * the same name is a 409; a data exception (SQLSTATE class 22, e.g. a character PostgreSQL
     * can't hold) was caused by a value of the request, so it is a 400 that retrying won't fix;
     * anything else means the store is unavailable (503, retry later).
     */
    @Provider
    public static class Persistence extends ScimErrorMapper<PersistenceException> {
        @Override
        protected ScimException toScim(PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                // PostgreSQL names the constraint, SQLite its columns
                if (m.contains("uq_resource_name") || m.contains("scim_resource.name_key")) {
                    return ScimException.uniqueness("The name is already taken");
                }
                if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                    return ScimException.invalidValue("The store can't hold or compare a value of this request");
                }
            }
            return storeUnavailable();
        }

        @Override
        public Response toResponse(PersistenceException e) {
            return withRetryAfter(super.toResponse(e));
        }
    }

    /**
     * Anything else is our bug: a generic 500, details only in our log. Except when the store's
     * connection failed underneath (a commit that could not reach the database, a pool that could
     * not open a connection): that is an outage the IdP should ride out, so 503 with Retry-After,
     * as for {@link Persistence}.
     */
    @Provider
    public static class Unexpected extends ScimErrorMapper<RuntimeException> {
        @Override
        protected ScimException toScim(RuntimeException e) {
            return lostStoreConnection(e) ? storeUnavailable() : new ScimException(500, null, "Internal error");
        }

        @Override
        public Response toResponse(RuntimeException e) {
            return withRetryAfter(super.toResponse(e));
        }
    }

    /** Seconds an IdP is asked to wait after a 503 (Azure AD and Okta retry later anyway; this says when). */
    static final String STORE_RETRY_AFTER_SECONDS = "5";

    private static ScimException storeUnavailable() {
        return ScimException.unavailable("The store is unavailable; retry later");
    }

    /** RFC 7231 §7.1.3: a 503 says when to come back. */
    static Response withRetryAfter(Response response) {
        return response.getStatus() == 503 && !response.getHeaders().containsKey("Retry-After")
                ? Response.fromResponse(response).header("Retry-After", STORE_RETRY_AFTER_SECONDS).build()
                : response;
    }

    /**
     * Whether a connection to the database failed somewhere in the chain: JDBC's connection
     * exceptions, SQLState class 08 (connection exception) or 57P0x (PostgreSQL shutting down or
     * starting up), Hibernate's JDBCConnectionException, or Agroal's acquisition timeout.
     */
    static boolean lostStoreConnection(Throwable e) {
        // Causes and suppressed ones: a failed commit (RollbackException) carries the driver's
        // exception only as a suppressed XAException's cause.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> next = new ArrayDeque<>(List.of(e));
        while (!next.isEmpty() && seen.size() < 64) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            next.addAll(List.of(t.getSuppressed()));
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if (t instanceof SQLException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
