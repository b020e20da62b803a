package io.scimbridge.identitycenter.client;

import java.time.Duration;

/**
 * A call Identity Center did not carry out. {@code status} 0 means no answer (connection
 * refused, dropped, timed out). The detail never contains the token.
 */
public final class IdentityCenterException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;
    private final boolean permanent;

    public IdentityCenterException(int status, String detail, Duration retryAfter) {
        this(status, detail, retryAfter, status == 400 || status == 413 || status == 422);
    }

    /** With {@code permanent} decided by the caller: the bridge itself knows a retry cannot help. */
    public IdentityCenterException(int status, String detail, Duration retryAfter, boolean permanent) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.permanent = permanent;
    }

    public int status() { return status; }

    /** Identity Center's Retry-After, or null. */
    public Duration retryAfter() { return retryAfter; }

    public boolean conflict() { return status == 409; }

    public boolean notFound() { return status == 404; }

    public boolean throttled() { return status == 429; }

    /**
     * A refusal of the request itself (400 validation), or a conflict the bridge found itself (an
     * Identity Center resource another bridge resource owns): sending it again unchanged fails
     * again, so after a few attempts it becomes a dead letter. Everything else (429, 5xx, no
     * answer, 401/403 until the operator fixes the token) is retried until it succeeds.
     */
    public boolean permanent() {
        return permanent;
    }
}
