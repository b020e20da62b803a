package io.scimbridge.revocation;

import io.scimbridge.aws.AwsClients;
import io.scimbridge.identitycenter.client.DryRunLog;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import jakarta.enterprise.context.ApplicationScoped;

/** The Organizations the revocation pipeline talks to: AWS, or in dry-run one that records the calls. */
@ApplicationScoped
public class ScpGateways {

    private final AwsClients clients;
    private final IdentityCenterClient identityCenter;
    private final DryRunLog dryRunLog;
    private ScpGateway gateway;

    public ScpGateways(AwsClients clients, IdentityCenterClient identityCenter, DryRunLog dryRunLog) {
        this.clients = clients;
        this.identityCenter = identityCenter;
        this.dryRunLog = dryRunLog;
    }

    synchronized ScpGateway gateway() {
        if (gateway == null) {
            gateway = identityCenter.dryRun() ? new RecordingScpGateway(dryRunLog) : new SdkScpGateway(clients.organizations());
        }
        return gateway;
    }

    boolean dryRun() {
        return identityCenter.dryRun();
    }
}
