package io.scimbridge.iamusers;

import io.scimbridge.pacing.Pacer;
import io.scimbridge.aws.AwsClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * IAM clients for member accounts: STS AssumeRole of {@code bridge.iam-users.role-name} in the
 * account (with the bridge's own credentials, the SDK's default chain), then an IAM client signed
 * with that session. Every STS and IAM call of the feature goes through one pacer (a
 * {@link Pacer} at {@code bridge.iam-users.requests-per-second}, all accounts together) and
 * the SDK's standard retry strategy ({@code max-attempts}, exponential backoff with jitter, which
 * retries IAM's and STS's {@code Throttling}).
 */
@ApplicationScoped
public class IamSessions {

    /** The role could not be assumed in this account: missing, not trusting the bridge, or STS failing. */
    public static final class RoleNotAssumable extends RuntimeException {
        RoleNotAssumable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final AwsClients clients;
    private final IamUsersConfig config;
    private final Pacer pacer;
    private StsClient sts;

    public IamSessions(AwsClients clients, IamUsersConfig config) {
        this.clients = clients;
        this.config = config;
        this.pacer = new Pacer(config.requestsPerSecond(), Clock.systemUTC());
    }

    /** An IAM client in {@code accountId}, to be closed by the caller. */
    public IamClient open(String accountId) {
        String roleName = config.roleName().orElseThrow(() -> new IllegalStateException("bridge.iam-users.role-name is not set"));
        String roleArn = "arn:aws:iam::" + accountId + ":role/" + roleName;
        Credentials session;
        try {
            session = sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName(config.sessionName())).credentials();
        } catch (SdkException e) {
            throw new RoleNotAssumable("cannot assume " + roleArn + ": " + (e instanceof AwsServiceException aws
                    ? aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage() : e.getMessage()), e);
        }
        return clients.global(IamClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .overrideConfiguration(this::pacedAndRetried).build();
    }

    private synchronized StsClient sts() {
        if (sts == null) {
            sts = clients.regional(StsClient.builder()).overrideConfiguration(this::pacedAndRetried).build();
        }
        return sts;
    }

    private void pacedAndRetried(ClientOverrideConfiguration.Builder c) {
        c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.maxAttempts()).build())
                .addExecutionInterceptor(new ExecutionInterceptor() {
                    // every attempt, retries included, waits for its slot
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        try {
                            pacer.acquire();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while pacing IAM calls", e);
                        }
                    }
                });
    }

    @PreDestroy
    synchronized void close() {
        if (sts != null) {
            sts.close();
        }
    }
}
