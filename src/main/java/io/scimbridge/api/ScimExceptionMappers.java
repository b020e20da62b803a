package io.scimbridge.api;

import io.scimbridge.scim.ScimException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Locale;

/** The members of the mapper family, one per kind of failure. */
public final class ScimExceptionMappers {

    private ScimExceptionMappers() {}

    @Provider
    public static class Scim extends ScimErrorMapper<ScimException> {
        @Override
        protected ScimException toScim(ScimException e) {
            return e;
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
                if (m.contains("uq_resource_name")) {
                    return ScimException.uniqueness("The name is already taken");
                }
                if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                    return ScimException.invalidValue("The store can't hold or compare a value of this request");
                }
            }
            return ScimException.unavailable("The store is unavailable; retry later");
        }
    }

    /** Anything else is our bug: a generic 500, details only in our log. */
    @Provider
    public static class Unexpected extends ScimErrorMapper<RuntimeException> {
        @Override
        protected ScimException toScim(RuntimeException e) {
            return new ScimException(500, null, "Internal error");
        }
    }
}
