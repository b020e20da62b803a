package io.scimbridge.aws.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A tiny XML writer for the AWS query protocol's answers (IAM, STS): elements appended in order,
 * text escaped, timestamps in ISO 8601 UTC as AWS writes them.
 */
final class Xml {

    private final StringBuilder out = new StringBuilder();

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing when {@code text} is null (an absent optional member). */
    Xml element(String name, Object text) {
        if (text == null) {
            return this;
        }
        String value = text instanceof Instant instant ? timestamp(instant) : text.toString();
        out.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
        return this;
    }

    Xml raw(String xml) {
        out.append(xml);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
