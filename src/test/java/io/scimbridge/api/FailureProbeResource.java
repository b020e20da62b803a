package io.scimbridge.api;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/**
 * Test-only endpoints under /scim/v2 that fail the ways a real request can: a transaction the
 * reaper times out, an Error, a checked exception. What reaches the IdP must be a SCIM error.
 */
@Path("/scim/v2/_failureprobe")
@Produces(MediaType.APPLICATION_JSON)
public class FailureProbeResource {

    private final EntityManager em;

    FailureProbeResource(EntityManager em) {
        this.em = em;
    }

    /** Outlives its one-second transaction timeout, as a 20,000-member replace did its 60 s. */
    @GET
    @Path("transaction-timeout")
    @Transactional
    @TransactionConfiguration(timeout = 1)
    public long outlivesTheTransaction() throws InterruptedException {
        em.createNativeQuery("select count(*) from scim_resource").getSingleResult();
        Thread.sleep(2_500);
        return ((Number) em.createNativeQuery("select count(*) from scim_resource").getSingleResult()).longValue();
    }

    @GET
    @Path("error")
    public String error() {
        throw new StackOverflowError("simulated, with internals: org.h2.jdbc.JdbcSQLException password=hunter2");
    }

    @GET
    @Path("checked")
    public String checked() throws IOException {
        throw new IOException("simulated, with internals: /var/lib/bridge/keys/signing.jwk");
    }
}
