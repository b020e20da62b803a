package io.scimbridge.scim.filter;

import io.scimbridge.scim.ScimException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a filter or PATCH path into tokens. Words are kept whole (an attribute path such as
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value} or a keyword
 * such as {@code and}); what a word means is decided by the parser, which knows the context.
 * String and number literals are decoded here so the parser only sees values.
 */
final class FilterTokenizer {

    enum Kind { WORD, STRING, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, EOF }

    /**
     * @param text     the source text of the token (for messages)
     * @param value    the decoded literal for STRING and NUMBER tokens, else null
     * @param position 0-based offset of the token's first character
     */
    record Token(Kind kind, String text, Object value, int position) {

        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        /** How the token is named in error messages; long tokens are cut so errors stay small. */
        String describe() {
            if (kind == Kind.EOF) {
                return "end of input";
            }
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            return "'" + shown + "'";
        }
    }

    /** JSON number (RFC 8259 §6); checked after scanning so "01" or "1." are refused clearly. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String input;
    private final ErrorSink errors;
    private int pos;

    private FilterTokenizer(String input, ErrorSink errors) {
        this.input = input;
        this.errors = errors;
    }

    /** Creates the exception for a syntax error at a 0-based offset. */
    @FunctionalInterface
    interface ErrorSink {
        ScimException at(int position, String message);
    }

    static List<Token> tokenize(String input, ErrorSink errors) {
        return new FilterTokenizer(input, errors).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= input.length()) {
                tokens.add(new Token(Kind.EOF, "", null, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = input.charAt(pos);
        int start = pos;
        switch (c) {
            case '(' -> { pos++; return new Token(Kind.LPAREN, "(", null, start); }
            case ')' -> { pos++; return new Token(Kind.RPAREN, ")", null, start); }
            case '[' -> { pos++; return new Token(Kind.LBRACKET, "[", null, start); }
            case ']' -> { pos++; return new Token(Kind.RBRACKET, "]", null, start); }
            case '"' -> { return string(); }
            default -> { /* below */ }
        }
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (isAlpha(c) || c == '$' || c == '.') {
            // '.' may start a word only for the ".subAttr" after a value path in PATCH paths.
            while (pos < input.length() && isWordChar(input.charAt(pos))) {
                pos++;
            }
            String word = input.substring(start, pos);
            return new Token(Kind.WORD, word, null, start);
        }
        throw errors.at(start, "unexpected character " + printable(c));
    }

    private Token string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == '"') {
                pos++;
                return new Token(Kind.STRING, input.substring(start, pos), sb.toString(), start);
            }
            if (c == '\\') {
                sb.append(escape());
                continue;
            }
            if (c < 0x20) {
                throw errors.at(pos, "control character " + printable(c) + " inside a string (escape it)");
            }
            sb.append(c);
            pos++;
        }
        throw errors.at(start, "unterminated string");
    }

    /** Decodes one JSON escape sequence starting at the backslash. */
    private char escape() {
        int start = pos;
        if (pos + 1 >= input.length()) {
            throw errors.at(start, "unterminated string (dangling '\\')");
        }
        char e = input.charAt(pos + 1);
        pos += 2;
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode(start);
            default -> throw errors.at(start, "invalid escape sequence '\\" + e + "' in string");
        };
    }

    private char unicode(int escapeStart) {
        if (pos + 4 > input.length()) {
            throw errors.at(escapeStart, "incomplete \\u escape in string");
        }
        int code = 0;
        for (int k = 0; k < 4; k++) {
            int digit = Character.digit(input.charAt(pos + k), 16);
            if (digit < 0) {
                throw errors.at(escapeStart, "invalid \\u escape in string");
            }
            code = code * 16 + digit;
        }
        pos += 4;
        return (char) code;
    }

    private Token number() {
        int start = pos;
        while (pos < input.length() && isNumberChar(input.charAt(pos))) {
            pos++;
        }
        // "1abc" or "12:00" is not a number followed by something: it is one bad token.
        while (pos < input.length() && isWordChar(input.charAt(pos))) {
            pos++;
        }
        String text = input.substring(start, pos);
        if (!JSON_NUMBER.matcher(text).matches()) {
            throw errors.at(start, "invalid number '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "' (string values must be quoted)");
        }
        return new Token(Kind.NUMBER, text, toNumber(text, start), start);
    }

    /** Integral literals that fit become Long, everything else BigDecimal (exact, no double rounding). */
    private Object toNumber(String text, int start) {
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (integral) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                // falls through to BigDecimal
            }
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw errors.at(start, "number out of range");
        }
    }

    private void skipWhitespace() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Characters of an attribute path: ATTRNAME chars plus the URN's ':' and '.', and '$' of $ref. */
    static boolean isWordChar(char c) {
        return isAlpha(c) || isDigit(c) || c == '-' || c == '_' || c == ':' || c == '.' || c == '$';
    }

    private static boolean isNumberChar(char c) {
        return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private static String printable(char c) {
        if (c < 0x20 || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
