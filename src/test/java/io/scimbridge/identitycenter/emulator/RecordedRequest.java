package io.scimbridge.identitycenter.emulator;

import java.time.Instant;

/**
 * One request as an emulator saw it, for assertions. Headers are deliberately absent: the
 * Authorization header (bearer token or SigV4) must never end up in a log.
 *
 * @param operation AWS's name for the call (CreateUser, PatchGroup, ListUsers, ...), as CloudTrail
 *                  names it
 * @param status    HTTP status answered, or {@link #DROPPED} when the connection was closed unanswered
 * @param reason    for refusals, which emulator rule fired (null on success)
 */
public record RecordedRequest(Instant at, String method, String path, String query, String operation,
                              int status, String reason) {

    /** Status recorded for a connection closed without an answer. */
    public static final int DROPPED = 0;
}
