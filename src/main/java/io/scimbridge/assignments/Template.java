package io.scimbridge.assignments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A rule value that may refer to the named groups of a rule's {@code groupPattern}:
 * {@code '${role}'}, {@code 'team-${team}-admins'}. Parsed once; expanded per matching group.
 * A {@code $} not followed by {@code {} is literal text.
 */
public record Template(String source, List<Part> parts) {

    /** Literal text or a reference to a named group. */
    public sealed interface Part {
        record Text(String text) implements Part {
        }

        record Ref(String group) implements Part {
        }
    }

    public Template {
        parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException for an unclosed {@code ${} or an empty / invalid name */
    public static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("${", i)) {
                int end = source.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'${' at position " + i + " is not closed by '}'");
                }
                String name = source.substring(i + 2, end);
                if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                    throw new IllegalArgumentException("'${" + name + "}' must name a named group: letters and digits,"
                            + " starting with a letter");
                }
                if (!text.isEmpty()) {
                    parts.add(new Part.Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(new Part.Ref(name));
                i = end + 1;
            } else {
                text.append(source.charAt(i++));
            }
        }
        if (!text.isEmpty()) {
            parts.add(new Part.Text(text.toString()));
        }
        return new Template(source, parts);
    }

    public boolean isLiteral() {
        return parts.stream().allMatch(p -> p instanceof Part.Text);
    }

    /** The named groups referred to, in order of first use. */
    public Set<String> references() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Part.Ref ref) {
                names.add(ref.group());
            }
        }
        return names;
    }

    /** The value for one group name match ({@code match} has matched and knows every referred name). */
    public String expand(Matcher match) {
        if (isLiteral()) {
            return source;
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Part.Text t -> out.append(t.text());
                case Part.Ref r -> {
                    String value = match.group(r.group());
                    out.append(value == null ? "" : value);
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
