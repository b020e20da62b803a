package io.scimbridge.aws.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real AWS SDK clients pointed at an emulator: endpoint override, static credentials, URL connection client. */
public final class SdkClients {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private SdkClients() {
    }

    public static SsoAdminClient ssoAdmin(String url) {
        return SsoAdminClient.builder().endpointOverride(URI.create(url)).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Without the SDK's own retries: every throttled answer reaches the caller. */
    public static SsoAdminClient ssoAdminWithoutRetries(String url) {
        return SsoAdminClient.builder().endpointOverride(URI.create(url)).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** Organizations is global: us-east-1. */
    public static OrganizationsClient organizations(String url) {
        return OrganizationsClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static OrganizationsClient organizationsWithoutRetries(String url) {
        return OrganizationsClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    public static StsClient sts(String url) {
        return StsClient.builder().endpointOverride(URI.create(url)).region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** IAM is global (us-east-1), called with an assumed role's session credentials. */
    public static IamClient iam(String url, AwsCredentialsProvider session) {
        return IamClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(session).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static IamClient iamWithoutRetries(String url, AwsCredentialsProvider session) {
        return IamClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(session).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
