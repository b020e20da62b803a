package io.scimbridge.aws.emulator;

/**
 * An error of an AWS query-protocol service (IAM, STS), rendered as
 * {@code <ErrorResponse><Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error><RequestId>..</RequestId></ErrorResponse>}.
 * Codes and statuses from the IAM and STS API references (per action "Errors" and "Common Errors").
 */
final class AwsQueryError extends RuntimeException {

    private final String code;
    private final int status;

    AwsQueryError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    /** IAM: NoSuchEntity, HTTP 404. */
    static AwsQueryError noSuchEntity(String message) {
        return new AwsQueryError("NoSuchEntity", 404, message);
    }

    /** IAM: DeleteConflict, HTTP 409 (DeleteUser while something is still attached). */
    static AwsQueryError deleteConflict(String message) {
        return new AwsQueryError("DeleteConflict", 409, message);
    }

    /** A missing or malformed parameter: the query protocol's ValidationError, HTTP 400. */
    static AwsQueryError validation(String message) {
        return new AwsQueryError("ValidationError", 400, message);
    }

    /** Throttling, HTTP 400, "Rate exceeded": what IAM and STS answer above their request rates. */
    static AwsQueryError throttling() {
        return new AwsQueryError("Throttling", 400, "Rate exceeded");
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    /** 5xx are the service's fault (Receiver), the rest the caller's (Sender). */
    String body(String namespace, String requestId) {
        return "<ErrorResponse xmlns=\"" + namespace + "\">" + new Xml().open("Error")
                .element("Type", status >= 500 ? "Receiver" : "Sender").element("Code", code)
                .element("Message", getMessage()).close("Error").element("RequestId", requestId)
                + "</ErrorResponse>";
    }
}
