package io.scimbridge.rules;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The rules file, in its own health group ({@code /q/health/group/rules}) and not in readiness:
 * a rejected file leaves the last good rules in force, so the bridge keeps working; DOWN here
 * only says that the file on disk is not what is in force.
 */
@HealthGroup("rules")
@ApplicationScoped
public class RulesCheck implements HealthCheck {

    private static final int MAX_ERRORS_SHOWN = 20;

    private final RulesHolder holder;

    public RulesCheck(RulesHolder holder) {
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        RulesStatus s = holder.status();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("rules")
                .withData("file", s.file().toString())
                .withData("inForce", s.fromFile() ? "file loaded at " + s.loadedAt() : "built-in defaults (no file)")
                .withData("summary", String.join("; ", s.summary()));
        if (s.fileMissing()) {
            builder.withData("problem", "the file was removed; the rules loaded at " + s.loadedAt() + " stay in force");
        }
        s.rejection().ifPresent(r -> {
            builder.withData("problem", "the file changed but is invalid; the rules loaded at " + s.loadedAt()
                    + " stay in force").withData("rejectedAt", r.at().toString()).withData("errorCount", r.errors().size());
            for (int i = 0; i < Math.min(MAX_ERRORS_SHOWN, r.errors().size()); i++) {
                builder.withData("error." + (i + 1), r.errors().get(i).toString());
            }
        });
        return builder.status(s.current()).build();
    }
}
