package io.scimbridge.assignments;

/**
 * A problem in the rules file: where (1-based line, and the key path such as
 * {@code assignments[2].groupPattern}) and why.
 */
public record RuleError(int line, String key, String reason) {

    @Override
    public String toString() {
        return "line " + line + ", " + key + ": " + reason;
    }
}
