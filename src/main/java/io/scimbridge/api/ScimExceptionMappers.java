package io.scimbridge.api;

import io.scimbridge.scim.ScimException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

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
     * a lock or statement timeout is the store being busy; anything else means the store is
     * unavailable (503 with Retry-After either way).
     */
    @Provider
    public static class Persistence extends ScimErrorMapper<PersistenceException> {
        @Override
        protected ScimException toScim(PersistenceException e) {
            return switch (StoreFailure.of(e)) {
                case NAME_TAKEN -> ScimException.uniqueness("The name is already taken");
                case BAD_VALUE -> ScimException.invalidValue("The store can't hold or compare a value of this request");
                case BUSY -> storeBusy();
                case UNREACHABLE, NONE -> storeUnavailable();
            };
        }

        @Override
        public Response toResponse(PersistenceException e) {
            return withRetryAfter(super.toResponse(e));
        }
    }

    /**
     * Every other {@link Throwable} that reaches JAX-RS, checked exceptions and Errors included,
     * so that no request ever gets Quarkus's own plain-text or HTML error page. It is our bug: a
     * generic 500, details only in our log. Except when the store failed underneath (a commit
     * that could not reach the database, a pool that could not open a connection, a transaction
     * the reaper rolled back after its timeout, a lock wait that timed out): that is an outage or
     * contention the IdP should ride out, so 503 with Retry-After, as for {@link Persistence}.
     */
    @Provider
    public static class Unexpected extends ScimErrorMapper<Throwable> {
        @Override
        protected ScimException toScim(Throwable e) {
            return switch (StoreFailure.of(e)) {
                case UNREACHABLE -> storeUnavailable();
                case BUSY -> storeBusy();
                case NAME_TAKEN -> ScimException.uniqueness("The name is already taken");
                case BAD_VALUE -> ScimException.invalidValue("The store can't hold or compare a value of this request");
                case NONE -> new ScimException(500, null, "Internal error");
            };
        }

        @Override
        public Response toResponse(Throwable e) {
            return withRetryAfter(super.toResponse(e));
        }
    }

    /** Seconds an IdP is asked to wait after a 503 (Azure AD and Okta retry later anyway; this says when). */
    static final String STORE_RETRY_AFTER_SECONDS = "5";

    private static ScimException storeUnavailable() {
        return ScimException.unavailable("The store is unavailable; retry later");
    }

    /** A timeout waiting for locks or for the transaction: other requests hold what this one needs. */
    private static ScimException storeBusy() {
        return ScimException.unavailable("The store is busy with other changes; retry later");
    }

    /** RFC 7231 §7.1.3: a 503 says when to come back. */
    static Response withRetryAfter(Response response) {
        return response.getStatus() == 503 && !response.getHeaders().containsKey("Retry-After")
                ? Response.fromResponse(response).header("Retry-After", STORE_RETRY_AFTER_SECONDS).build()
                : response;
    }
}
