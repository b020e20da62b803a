package io.scimbridge.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which rules are in force and whether the file on disk agrees: for the health check, the log and
 * the admin API.
 *
 * @param file        the rules file watched
 * @param fromFile    false while the built-in defaults are in force (no file at startup)
 * @param loadedAt    when the rules in force were loaded
 * @param summary     {@link Rules#summary()} of the rules in force
 * @param rejection   present when the file's current content was refused: the rules in force
 *                    are older than the file
 * @param fileMissing the file in force was removed: its rules stay in force (write an empty
 *                    file to return to the defaults)
 */
public record RulesStatus(Path file, boolean fromFile, Instant loadedAt, List<String> summary,
                          Optional<Rejection> rejection, boolean fileMissing) {

    public RulesStatus {
        summary = List.copyOf(summary);
    }

    /** A changed file that was not loaded, and why. */
    public record Rejection(Instant at, List<RulesError> errors) {
        public Rejection {
            errors = List.copyOf(errors);
        }
    }

    /** The rules in force are those of the file as it is now. */
    public boolean current() {
        return rejection.isEmpty() && !fileMissing;
    }

    RulesStatus withRejection(Rejection r) {
        return new RulesStatus(file, fromFile, loadedAt, summary, Optional.of(r), fileMissing);
    }

    RulesStatus withFileMissing(boolean missing) {
        return new RulesStatus(file, fromFile, loadedAt, summary, rejection, missing);
    }

    RulesStatus cleared() {
        return new RulesStatus(file, fromFile, loadedAt, summary, Optional.empty(), false);
    }
}
