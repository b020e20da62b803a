package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An AWS JSON 1.1 error: {@code {"__type": ..., "Message": ..., ...}}. Statuses follow the SDK's
 * service model for identitystore 2.40.2 (read from the client's exception metadata): every
 * modelled exception is HTTP 400 except InternalServerException (500).
 */
final class AwsError extends RuntimeException {

    private final String type;
    private final int status;
    private final ObjectNode fields;

    private AwsError(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.fields = Json.object();
    }

    static AwsError validation(String message) {
        return new AwsError("ValidationException", 400, message);
    }

    /** ResourceType is one of USER, GROUP, IDENTITY_STORE, GROUP_MEMBERSHIP. */
    static AwsError notFound(String resourceType, String resourceId, String message) {
        AwsError error = new AwsError("ResourceNotFoundException", 400, message);
        error.fields.put("ResourceType", resourceType);
        if (resourceId != null) {
            error.fields.put("ResourceId", resourceId);
        }
        return error;
    }

    static AwsError throttling(long retryAfterSeconds) {
        AwsError error = new AwsError("ThrottlingException", 400, "Rate exceeded");
        error.fields.put("RetryAfterSeconds", retryAfterSeconds);
        return error;
    }

    static AwsError of(String type, int status, String message) {
        return new AwsError(type, status, message);
    }

    /** An extra field of the error body (e.g. ConstraintViolationException's Reason). */
    AwsError field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    ObjectNode body(String requestId) {
        ObjectNode body = Json.object();
        body.put("__type", type);
        body.put("Message", getMessage());
        body.put("RequestId", requestId);
        body.setAll(fields);
        return body;
    }
}
