package io.scimbridge.identitycenter.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.identitycenter.IdentityCenterDialect;
import io.scimbridge.identitycenter.NameDerivation;
import io.scimbridge.pacing.Pacer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Chooses the client from configuration: no SCIM URL means dry-run. */
@ApplicationScoped
public class IdentityCenterClients {

    private static final Logger LOG = Logger.getLogger(IdentityCenterClients.class);

    @Produces
    @ApplicationScoped
    Circuit circuit(IdentityCenterConfig config, MeterRegistry metrics) {
        Circuit circuit = new Circuit(config.circuit().failureThreshold(), config.circuit().openFor(),
                config.circuit().maxOpenFor(), Clock.systemUTC());
        metrics.gauge("bridge.identity_center.circuit.open", circuit, c -> c.openFor().isPresent() ? 1 : 0);
        return circuit;
    }

    @Produces
    @ApplicationScoped
    IdentityCenterClient client(IdentityCenterConfig config, DryRunLog dryRunLog, MeterRegistry metrics, Circuit circuit) {
        if (config.scimUrl().isEmpty() || config.scimUrl().get().isBlank()) {
            LOG.info("No bridge.identity-center.scim-url: dry-run, calls are recorded (admin API) and not sent");
            return new DryRunIdentityCenterClient(dryRunLog);
        }
        LOG.infof("Delivering to Identity Center at %s", config.scimUrl().get());
        return new HttpIdentityCenterClient(config.scimUrl().get(), () -> token(config), config.requestTimeout(),
                new Pacer(config.requestsPerSecond(), Clock.systemUTC()), metrics, Clock.systemUTC(), circuit);
    }

    @Produces
    @ApplicationScoped
    IdentityCenterDialect dialect(IdentityCenterConfig config) {
        return new IdentityCenterDialect(new NameDerivation(config.names().derive(), config.names().placeholder()));
    }

    /** The token from the file when one is named (re-read each call: rotation without restart). */
    private static String token(IdentityCenterConfig config) {
        if (config.scimTokenFile().isPresent()) {
            try {
                return Files.readString(config.scimTokenFile().get()).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read bridge.identity-center.scim-token-file", e);
            }
        }
        return config.scimToken().orElseThrow(() -> new IllegalStateException(
                "bridge.identity-center.scim-token or scim-token-file is required with scim-url"));
    }
}
