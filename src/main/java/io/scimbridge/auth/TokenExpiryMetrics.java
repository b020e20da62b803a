package io.scimbridge.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Token and key deadlines as gauges, so that an alert can fire before the IdP's token stops working:
 * <ul>
 *   <li>{@code bridge_token_expiry_seconds{source}}: seconds until the source's newest usable token
 *       stops being accepted (see {@link SourceTokenExpiry}); negative once it has;</li>
 *   <li>{@code bridge_signing_key_cutover_seconds}: seconds until tokens signed with the previous
 *       signing key are refused; absent when there is no previous key or its cut-over has passed.</li>
 * </ul>
 * Labels are source names only: never a token, and no token id.
 *
 * <p>The series follow the token files (the CLI mints next to the running server), so they are
 * brought up to date just before each scrape: a new source appears in the scrape after its first
 * token was minted. The values themselves are computed at scrape time.
 */
@ApplicationScoped
public class TokenExpiryMetrics {

    private static final Logger LOG = Logger.getLogger(TokenExpiryMetrics.class);

    private final TokenRegistry registry;
    private final LiveSigningKeys keys;
    private final AuthClock clock;
    private final String metricsPath;
    private MultiGauge tokenExpiry;
    private MultiGauge keyCutOver;

    TokenExpiryMetrics(TokenRegistry registry, LiveSigningKeys keys, AuthClock clock,
                       @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String rootPath,
                       @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "metrics") String path) {
        this.registry = registry;
        this.keys = keys;
        this.clock = clock;
        String root = "/" + rootPath.replaceAll("^/+|/+$", "");
        this.metricsPath = path.startsWith("/") ? path : root + "/" + path;
    }

    void register(@Observes StartupEvent event, MeterRegistry meters) {
        tokenExpiry = MultiGauge.builder("bridge.token.expiry.seconds")
                .description("Seconds until the newest usable token of each source stops being accepted (negative: it has)")
                .register(meters);
        keyCutOver = MultiGauge.builder("bridge.signing.key.cutover.seconds")
                .description("Seconds until tokens signed with the previous signing key are refused")
                .register(meters);
        refresh();
    }

    /** Before the scrape handler: a blocking handler, because it reads the token files. */
    void beforeScrape(@Observes Router router) {
        router.route(metricsPath).order(Integer.MIN_VALUE).blockingHandler(ctx -> {
            refresh();
            ctx.next();
        }, false);
    }

    synchronized void refresh() {
        if (tokenExpiry == null) {
            return; // a scrape before startup completed
        }
        try {
            Instant now = clock.instant();
            SigningKeyRing ring = keys.get();
            Map<String, Instant> bySource = SourceTokenExpiry.validUntilBySource(registry.issued(),
                    registry.revoked().keySet(), ring, now);
            tokenExpiry.register(bySource.entrySet().stream()
                    .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("source", e.getKey()), () -> secondsUntil(e.getValue())))
                    .toList(), true);
            keyCutOver.register(ring.previousAcceptedAt(now)
                    .<List<MultiGauge.Row<?>>>map(p -> List.of(MultiGauge.Row.of(Tags.empty(), () -> secondsUntil(p.acceptedUntil()))))
                    .orElse(List.of()), true);
        } catch (RuntimeException e) {
            // the files cannot be read right now: keep the last figures, the scrape must not fail
            LOG.debugf("Token gauges not refreshed: %s", e.getMessage());
        }
    }

    private double secondsUntil(Instant then) {
        return Duration.between(clock.instant(), then).toMillis() / 1000.0;
    }
}
