package io.scimbridge.ops.health;

import io.scimbridge.revocation.SessionRevocations;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Session revocation in its own health group ({@code /q/health/group/session-revocation}), not in
 * readiness (like Identity Center's: AWS refusing a policy must not stop the SCIM endpoints):
 * DOWN when the latest run failed or some leaver is denied nowhere (no room in any policy, SCPs
 * not enabled, provisioning failed); UP when every leaver is covered or the mode is off.
 */
@HealthGroup("session-revocation")
@ApplicationScoped
public class SessionRevocationCheck implements HealthCheck {

    private final SessionRevocations revocations;

    public SessionRevocationCheck(SessionRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("session-revocation")
                .withData("mode", revocations.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        var last = revocations.last();
        if (last.isEmpty()) {
            return builder.up().withData("lastRun", "none yet").build();
        }
        SessionRevocations.Run run = last.get();
        builder.withData("lastRun", run.at().toString()).withData("uncovered", run.uncovered())
                .withData("overflowToPermissionSets", run.overflowToPermissionSets());
        if (run.managementAccount() != null) {
            builder.withData("managementAccount", run.managementAccount() + " (covered through its permission sets)");
        }
        if (!run.succeeded()) {
            return builder.down().withData("error", run.error()).build();
        }
        if (run.uncovered() > 0) {
            return builder.down().withData("problems", String.join("; ", run.problems())).build();
        }
        return builder.up().build();
    }
}
