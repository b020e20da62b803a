package io.scimbridge.api;

import io.scimbridge.scim.ScimException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jboss.logging.Logger;

/**
 * The one mapper family: each subclass only says which {@link ScimException} an exception
 * means; rendering (RFC 7644 §3.12 JSON, application/scim+json) and logging (4xx at debug,
 * 5xx at warn, never a stack trace to the client) happen here.
 */
public abstract class ScimErrorMapper<E extends Throwable> implements ExceptionMapper<E> {

    private static final Logger LOG = Logger.getLogger(ScimErrorMapper.class);

    protected abstract ScimException toScim(E exception);

    @Override
    public Response toResponse(E exception) {
        ScimException scim = toScim(exception);
        if (scim.status() >= 500) {
            LOG.warnf(exception, "SCIM request failed: %s", scim.detail());
        } else {
            LOG.debugf("SCIM request refused (%d %s): %s", scim.status(), scim.scimType(), scim.detail());
        }
        return ScimResponses.error(scim);
    }
}
