package io.scimbridge.rules;

import java.util.List;

/** A rules file that cannot be used, with every error found in it (not just the first). */
public final class InvalidRulesException extends RuntimeException {

    private final transient List<RulesError> errors;

    public InvalidRulesException(List<RulesError> errors) {
        super(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the rules file: "
                + String.join("; ", errors.stream().map(RulesError::toString).toList()), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid rules file has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** In line order. */
    public List<RulesError> errors() {
        return errors;
    }
}
