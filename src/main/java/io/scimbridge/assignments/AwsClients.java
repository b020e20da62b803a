package io.scimbridge.assignments;

import io.scimbridge.identitycenter.reconcile.AwsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/**
 * The SSO Admin and Organizations SDK clients the bridge shares (assignments, session
 * revocation): {@code bridge.aws.region} / {@code bridge.aws.endpoint-override} and the SDK's
 * default credential chain. Built on first use, so that a bridge without AWS credentials starts.
 */
@ApplicationScoped
public class AwsClients {

    private final AwsConfig aws;
    private SsoAdminClient sso;
    private OrganizationsClient organizations;

    public AwsClients(AwsConfig aws) {
        this.aws = aws;
    }

    public synchronized SsoAdminClient ssoAdmin() {
        if (sso == null) {
            var builder = SsoAdminClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(DefaultCredentialsProvider.builder().build());
            aws.region().map(Region::of).ifPresent(builder::region);
            aws.endpointOverride().ifPresent(builder::endpointOverride);
            sso = builder.build();
        }
        return sso;
    }

    /** Organizations is a global service; its endpoint is in us-east-1 unless overridden. */
    public synchronized OrganizationsClient organizations() {
        if (organizations == null) {
            var builder = OrganizationsClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(DefaultCredentialsProvider.builder().build());
            builder.region(aws.endpointOverride().isPresent() ? aws.region().map(Region::of).orElse(Region.US_EAST_1)
                    : Region.AWS_GLOBAL);
            aws.endpointOverride().ifPresent(builder::endpointOverride);
            organizations = builder.build();
        }
        return organizations;
    }

    @PreDestroy
    synchronized void close() {
        if (sso != null) {
            sso.close();
        }
        if (organizations != null) {
            organizations.close();
        }
    }
}
