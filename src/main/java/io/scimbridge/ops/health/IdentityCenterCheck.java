package io.scimbridge.ops.health;

import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.client.IdentityCenterException;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Identity Center reachability and token validity, in its own health group
 * ({@code /q/health/group/identity-center}) and not in readiness: an AWS outage must not take
 * the SCIM endpoints down, since accepting changes durably during an outage is the point.
 */
@HealthGroup("identity-center")
@ApplicationScoped
public class IdentityCenterCheck implements HealthCheck {

    private final IdentityCenterClient client;
    private final OutboxQueue queue;

    public IdentityCenterCheck(IdentityCenterClient client, OutboxQueue queue) {
        this.client = client;
        this.queue = queue;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("identity-center");
        try {
            OutboxQueue.Status status = queue.status();
            builder.withData("queueDepth", status.depth()).withData("deadLetters", status.deadLetters());
        } catch (RuntimeException e) {
            builder.withData("queue", "unavailable");
        }
        if (client.dryRun()) {
            return builder.up().withData("mode", "dry-run").build();
        }
        try {
            // A look-up that matches nothing: proves the URL, the tenant and the token.
            client.findUserId("scim-bridge-health-check");
            return builder.up().withData("mode", "delivering").build();
        } catch (IdentityCenterException e) {
            return builder.down().withData("mode", "delivering").withData("status", e.status())
                    .withData("error", e.getMessage()).build();
        }
    }
}
