package io.scimbridge.assignments;

import java.time.Duration;

/**
 * What became of one change.
 *
 * @param requestId     SSO Admin's request id, if the request was accepted
 * @param failureReason AWS's reason (FailureReason of the status, or the error code and message)
 * @param attempts      requests sent for it (more than one after throttling or conflicts)
 */
public record ApplyResult(Change change, Outcome outcome, String requestId, String failureReason, int attempts,
                          Duration elapsed) {

    public enum Outcome {
        SUCCEEDED,
        FAILED,
        /** Accepted, but not seen finished before the operation timeout: the next plan will tell. */
        UNKNOWN
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
