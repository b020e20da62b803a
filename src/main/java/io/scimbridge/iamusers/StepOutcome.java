package io.scimbridge.iamusers;

/**
 * What became of one step of an apply, or of a restore.
 *
 * @param outcome done, refused (the guard, or a live check), failed (AWS said no)
 */
public record StepOutcome(String user, String action, String outcome, String detail) {

    static StepOutcome done(String user, String action, String detail) {
        return new StepOutcome(user, action, "done", detail);
    }

    static StepOutcome refused(String user, String action, String detail) {
        return new StepOutcome(user, action, "refused", detail);
    }

    static StepOutcome failed(String user, String action, String detail) {
        return new StepOutcome(user, action, "failed", detail);
    }
}
