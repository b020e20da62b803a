package io.scimbridge.aws;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/**
 * AWS API access for reading Identity Center back. Credentials come from the SDK's default
 * chain (environment, web identity / IRSA, ECS task role, instance profile), never from here.
 */
@ConfigMapping(prefix = "bridge.aws")
public interface AwsConfig {

    /** The Identity Center region, e.g. eu-west-1; absent: the SDK's default region chain. */
    Optional<String> region();

    /** Tests and VPC endpoints only: where the AWS APIs are reached instead of the public endpoints. */
    Optional<URI> endpointOverride();
}
