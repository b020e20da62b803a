package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One AWS JSON 1.1 service behind an {@link AwsJsonRouter}: the {@code X-Amz-Target} prefix it
 * answers, the SigV4 signing name the SDK scopes its credentials to, and its operations.
 */
interface AwsJsonService {

    /** {@code AWSIdentityStore.}, {@code SWBExternalService.}, {@code AWSOrganizationsV20161128.}. */
    String targetPrefix();

    /** The service name in the SigV4 credential scope: identitystore, sso, organizations. */
    String signingName();

    /** Runs one operation; throws {@link AwsError} for a modelled error. */
    ObjectNode invoke(String operation, ObjectNode input);

    /** The error this service answers when a request is throttled (fault injection, rate limit). */
    default AwsError throttled(long retryAfterSeconds) {
        return AwsError.throttling(retryAfterSeconds);
    }
}
