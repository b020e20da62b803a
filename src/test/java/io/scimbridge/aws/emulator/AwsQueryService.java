package io.scimbridge.aws.emulator;

import java.util.Map;

/**
 * One AWS query-protocol service behind an {@link AwsQueryRouter}: {@code POST /} with a
 * form-encoded body {@code Action=..&Version=..&Param=..}, answered in XML.
 */
interface AwsQueryService {

    /** The service name in the SigV4 credential scope, which picks the service: iam, sts. */
    String signingName();

    /** The API version the SDK sends in {@code Version}: 2010-05-08 (IAM), 2011-06-15 (STS). */
    String version();

    /** The XML namespace of answers: https://iam.amazonaws.com/doc/2010-05-08/ ... */
    default String namespace() {
        return "https://" + signingName() + ".amazonaws.com/doc/" + version() + "/";
    }

    /**
     * Runs one action for the caller whose SigV4 access key id is {@code accessKeyId}; returns the
     * content of {@code <ActionResult>}, or null for actions answering no result element. Throws
     * {@link AwsQueryError} for a modelled error.
     */
    String invoke(String action, Map<String, String> params, String accessKeyId);
}
