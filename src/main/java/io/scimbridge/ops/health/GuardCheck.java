package io.scimbridge.ops.health;

import io.scimbridge.guard.DeprovisionGuard;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The deprovisioning guard in its own health group ({@code /q/health/group/guard}), not in
 * readiness (a tripped guard must not stop the SCIM endpoints: the IdP keeps getting normal
 * answers): DOWN while tripped, with how many removals wait for an operator.
 */
@HealthGroup("guard")
@ApplicationScoped
public class GuardCheck implements HealthCheck {

    private final DeprovisionGuard guard;

    public GuardCheck(DeprovisionGuard guard) {
        this.guard = guard;
    }

    @Override
    public HealthCheckResponse call() {
        DeprovisionGuard.Status s = guard.status();
        var builder = HealthCheckResponse.named("guard").withData("enabled", s.enabled())
                .withData("removedInWindow", s.sentInWindow()).withData("limit", s.limit())
                .withData("window", s.window().toString());
        if (!s.tripped()) {
            return builder.up().build();
        }
        return builder.down().withData("held", s.held()).withData("trippedSince", s.trippedSince().toString())
                .withData("action", "GET /admin/guard, then fix the IdP or the rules, or POST /admin/guard/release")
                .build();
    }
}
