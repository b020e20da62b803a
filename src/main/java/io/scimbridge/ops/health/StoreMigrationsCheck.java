package io.scimbridge.ops.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Ready only when the store answers and every migration shipped in this jar is applied
 * (Quarkus adds its own datasource check beside this one). A replica started against a database
 * another replica has not finished migrating stays out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class StoreMigrationsCheck implements HealthCheck {

    private final Flyway flyway;

    public StoreMigrationsCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("store-migrations");
        try {
            var info = flyway.info();
            int pending = info.pending().length;
            var current = info.current();
            builder.withData("schemaVersion", current == null ? "none" : current.getVersion().getVersion())
                    .withData("pendingMigrations", pending);
            return pending == 0 && current != null ? builder.up().build() : builder.down().build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
