package io.scimbridge.rules;

import java.util.List;

/**
 * What a section's parser gives ({@link AssignmentRulesParser}, and the parsers of features below
 * this package): the section's rules, or every error that prevents them.
 */
public sealed interface ParsedSection<T> {

    record Valid<T>(T rules) implements ParsedSection<T> {
    }

    record Invalid<T>(List<RulesError> errors) implements ParsedSection<T> {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** Valid when no error was found. */
    static <T> ParsedSection<T> of(T rules, List<RulesError> errors) {
        return errors.isEmpty() ? new Valid<>(rules) : new Invalid<>(errors);
    }

    /** The rules, as a {@link RulesSection} reads them: when invalid, null, with the errors added to {@code errors}. */
    default T rulesCollectingErrors(List<RulesError> errors) {
        return switch (this) {
            case Valid<T> valid -> valid.rules();
            case Invalid<T> invalid -> {
                errors.addAll(invalid.errors());
                yield null;
            }
        };
    }
}
