package io.scimbridge.revocation;

import io.scimbridge.assignments.AwsClients;
import io.scimbridge.identitycenter.client.DryRunLog;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The SSO Admin the revocation pipeline talks to: AWS, or in dry-run one that records the calls. */
@ApplicationScoped
public class PermissionSetGateways {

    private final AwsClients clients;
    private final IdentityCenterClient identityCenter;
    private final DryRunLog dryRunLog;
    private final Optional<String> instanceArn;
    private PermissionSetGateway gateway;

    public PermissionSetGateways(AwsClients clients, IdentityCenterClient identityCenter, DryRunLog dryRunLog,
                                 @ConfigProperty(name = "bridge.identity-center.instance-arn") Optional<String> instanceArn) {
        this.clients = clients;
        this.identityCenter = identityCenter;
        this.dryRunLog = dryRunLog;
        this.instanceArn = instanceArn;
    }

    synchronized PermissionSetGateway gateway() {
        if (gateway == null) {
            gateway = identityCenter.dryRun() ? new RecordingPermissionSetGateway(dryRunLog)
                    : new SdkPermissionSetGateway(clients.ssoAdmin(), instanceArn);
        }
        return gateway;
    }
}
