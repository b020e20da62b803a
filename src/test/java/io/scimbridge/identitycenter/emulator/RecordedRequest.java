package io.scimbridge.identitycenter.emulator;

import java.time.Instant;

/**
 * One request as an emulator saw it, for assertions. Headers are deliberately absent (the
 * Authorization header, bearer token or SigV4, must never end up in a log), except the caller's
 * {@code X-Request-Id}, which tests follow from the IdP's request to the call that delivered it.
 *
 * @param operation AWS's name for the call (CreateUser, PatchGroup, ListUsers, ...), as CloudTrail
 *                  names it
 * @param status    HTTP status answered, or {@link #DROPPED} when the connection was closed unanswered
 * @param reason    for refusals, which emulator rule fired (null on success)
 * @param requestId the X-Request-Id header sent, if any
 */
public record RecordedRequest(Instant at, String method, String path, String query, String operation,
                              int status, String reason, String requestId) {

    /** A request that carried no X-Request-Id (the AWS JSON APIs' emulators do not look). */
    public RecordedRequest(Instant at, String method, String path, String query, String operation, int status,
                           String reason) {
        this(at, method, path, query, operation, status, reason, null);
    }

    /** Status recorded for a connection closed without an answer. */
    public static final int DROPPED = 0;
}
