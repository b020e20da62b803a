package io.scimbridge.rules;

/**
 * One thing wrong in a rules file.
 *
 * @param line    1-based line of the offending key or value
 * @param key     where in the file: {@code users.include}, {@code groups.rename[1].pattern},
 *                {@code users.attributes.drop[2]}; {@code yaml} for a syntax error
 * @param message what is wrong, for the operator
 */
public record RulesError(int line, String key, String message) {

    /** {@code FILE:LINE: key: message}, the way compilers report, so editors can jump to it. */
    public String format(String file) {
        return file + ":" + line + ": " + key + ": " + message;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + key + ": " + message;
    }
}
