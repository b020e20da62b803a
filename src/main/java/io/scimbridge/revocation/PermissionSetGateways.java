package io.scimbridge.revocation;

import io.scimbridge.aws.AwsClients;
import io.scimbridge.identitycenter.IdentityCenterConfig;
import io.scimbridge.identitycenter.client.DryRunLog;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The SSO Admin the revocation pipeline talks to: AWS, or in dry-run one that records the calls. */
@ApplicationScoped
public class PermissionSetGateways {

    private final AwsClients clients;
    private final IdentityCenterClient identityCenter;
    private final DryRunLog dryRunLog;
    private final Optional<String> instanceArn;
    private PermissionSetGateway gateway;

    public PermissionSetGateways(AwsClients clients, IdentityCenterClient identityCenter, DryRunLog dryRunLog,
                                 IdentityCenterConfig identityCenterConfig) {
        this.clients = clients;
        this.identityCenter = identityCenter;
        this.dryRunLog = dryRunLog;
        this.instanceArn = identityCenterConfig.instanceArn();
    }

    synchronized PermissionSetGateway gateway() {
        if (gateway == null) {
            gateway = identityCenter.dryRun() ? new RecordingPermissionSetGateway(dryRunLog)
                    : new SdkPermissionSetGateway(clients.ssoAdmin(), instanceArn);
        }
        return gateway;
    }
}
