package io.scimbridge.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/**
 * The one place AWS SDK clients are built: {@code bridge.aws.region} / {@code bridge.aws.endpoint-override},
 * the URLConnection HTTP client, and the SDK's default credential chain (environment, web identity /
 * IRSA, ECS task role, instance profile), never credentials of our own. The clients the bridge shares
 * (SSO Admin, Organizations, Identity Store) are built on first use, so that a bridge without AWS
 * credentials starts; a feature with clients of its own (other credentials, other retries) starts
 * from {@link #regional} or {@link #global}.
 */
@ApplicationScoped
public class AwsClients {

    private final AwsConfig aws;
    private SsoAdminClient sso;
    private OrganizationsClient organizations;
    private IdentitystoreClient identityStore;

    public AwsClients(AwsConfig aws) {
        this.aws = aws;
    }

    public synchronized SsoAdminClient ssoAdmin() {
        if (sso == null) {
            sso = regional(SsoAdminClient.builder()).build();
        }
        return sso;
    }

    public synchronized OrganizationsClient organizations() {
        if (organizations == null) {
            organizations = global(OrganizationsClient.builder()).build();
        }
        return organizations;
    }

    public synchronized IdentitystoreClient identityStore() {
        if (identityStore == null) {
            identityStore = regional(IdentitystoreClient.builder()).build();
        }
        return identityStore;
    }

    /**
     * A service in Identity Center's region (SSO Admin, Identity Store, STS): the configured region,
     * or the SDK's region chain. The HTTP client is given as a builder, so the SDK closes it with the client.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B regional(B builder) {
        common(builder);
        aws.region().map(Region::of).ifPresent(builder::region);
        return builder;
    }

    /** A global service (Organizations, IAM): its endpoint is in us-east-1 unless overridden. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B global(B builder) {
        common(builder);
        builder.region(aws.endpointOverride().isPresent() ? aws.region().map(Region::of).orElse(Region.US_EAST_1)
                : Region.AWS_GLOBAL);
        return builder;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> void common(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        aws.endpointOverride().ifPresent(builder::endpointOverride);
    }

    @PreDestroy
    synchronized void close() {
        for (AutoCloseable client : new AutoCloseable[] {sso, organizations, identityStore}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    // closing at shutdown: nothing left to do with the error
                }
            }
        }
    }
}
