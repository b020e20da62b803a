package io.scimbridge.identitycenter.emulator;

import java.time.Duration;

/**
 * A refusal, rendered the way Identity Center renders it: SCIM error JSON carrying AWS's generic
 * detail text. AWS never says which rule was broken; {@link #reason()} does (sent back in the
 * emulator-only {@code X-Emulator-Reason} header and kept in the request log) so a test can tell
 * that the intended rule fired, not some other 400.
 */
final class ScimError extends RuntimeException {

    // Texts observed in real Identity Center answers (ssosync / idp-scim-sync issue logs, AWS
    // troubleshooting page for Entra ID); the others follow the developer guide's error tables.
    static final String UNPARSABLE = "Request is unparsable, syntactically incorrect, or violates schema.";
    static final String SINGLE_ITEM = "Currently list attributes only allow single item";
    static final String DUPLICATE = "Refused to create a new, duplicate resource.";
    static final String NOT_FOUND = "Resource not found.";
    static final String UNAUTHORIZED = "Authorization header is invalid or missing.";

    private final int status;
    private final String detail;
    private final String reason;
    private final Duration retryAfter;

    private ScimError(int status, String detail, String reason) {
        this(status, detail, reason, null);
    }

    private ScimError(int status, String detail, String reason, Duration retryAfter) {
        super(reason, null, false, false);
        this.status = status;
        this.detail = detail;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** 400 ValidationException, AWS's answer to anything that "violates schema" or is unsupported. */
    static ScimError invalid(String reason) {
        return new ScimError(400, UNPARSABLE, reason);
    }

    /** 400 for a multi-valued attribute carrying more than one value. */
    static ScimError singleItem(String attribute) {
        return new ScimError(400, SINGLE_ITEM, attribute + " has more than one value");
    }

    /** 409 ConflictException. */
    static ScimError conflict(String reason) {
        return new ScimError(409, DUPLICATE, reason);
    }

    /** 404 ResourceNotFoundException. */
    static ScimError notFound(String reason) {
        return new ScimError(404, NOT_FOUND, reason);
    }

    /** 401 UnauthorizedException (bad token or wrong tenant). */
    static ScimError unauthorized(String reason) {
        return new ScimError(401, UNAUTHORIZED, reason);
    }

    /** 429 ThrottlingException, answered with a Retry-After header. */
    static ScimError throttled(Duration retryAfter) {
        return new ScimError(429, "Rate exceeded", "throttled (injected or rate limit)", retryAfter);
    }

    /** Any other status, used by fault injection. */
    static ScimError status(int status, String detail, String reason) {
        return new ScimError(status, detail, reason);
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }

    String reason() {
        return reason;
    }

    /** Only for 429: how long the client should wait. */
    Duration retryAfter() {
        return retryAfter;
    }
}
