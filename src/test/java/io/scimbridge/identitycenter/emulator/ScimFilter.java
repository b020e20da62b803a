package io.scimbridge.identitycenter.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter dialect Identity Center accepts: {@code attribute eq "value"} comparisons joined by
 * {@code and}, nothing else ("Only eq with and is supported", developer guide, Limitations).
 * {@code or}, {@code not}, parentheses, other operators and unquoted values are refused with 400.
 * Which attribute combinations are allowed depends on the endpoint and is checked by its handler.
 */
final class ScimFilter {

    private final String text;
    private int pos;

    private ScimFilter(String text) {
        this.text = text;
    }

    /**
     * Parses a filter into attribute (lower-cased) -> value. An empty map for a null or blank filter.
     */
    static Map<String, String> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return Collections.emptyMap();
        }
        return new ScimFilter(filter).comparisons();
    }

    private Map<String, String> comparisons() {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        while (true) {
            String attribute = word("an attribute name");
            String operator = word("an operator");
            if (!operator.equalsIgnoreCase("eq")) {
                throw ScimError.invalid("filter operator '" + operator + "' is not supported, only eq");
            }
            String value = quoted();
            String key = Json.lower(attribute);
            if (seen.contains(key)) {
                throw ScimError.invalid("filter names '" + attribute + "' twice");
            }
            seen.add(key);
            result.put(key, value);
            skipSpaces();
            if (pos == text.length()) {
                return result;
            }
            String joiner = word("'and'");
            if (!joiner.equalsIgnoreCase("and")) {
                throw ScimError.invalid("filter joiner '" + joiner + "' is not supported, only and");
            }
        }
    }

    private String word(String expected) {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw ScimError.invalid("filter: expected " + expected + " at position " + start);
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw ScimError.invalid("filter: expected a quoted value at position " + pos);
        }
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw ScimError.invalid("filter: unterminated quoted value");
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '_' || c == '-' || c == '$';
    }
}
