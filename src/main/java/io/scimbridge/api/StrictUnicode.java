package io.scimbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.scim.ScimException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * Request bodies must be well-formed UTF-8 holding only Unicode scalar values. Jackson alone
 * accepted overlong sequences, code points above U+10FFFF and lone surrogates (raw, or as a
 * {@code \\ud800} escape), and the bridge stored them and forwarded them to Identity Center,
 * where they are anybody's guess. Refused here with 400 invalidValue, as the value is the problem.
 */
final class StrictUnicode {

    private StrictUnicode() {}

    /**
     * The body as text; the JDK's decoder, set to REPORT, refuses overlong forms, encoded
     * surrogates (ED A0..BF xx), anything above U+10FFFF and truncated or stray bytes.
     */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw ScimException.invalidValue("The body is not valid UTF-8: malformed byte sequence at byte " + in.position()
                    + " (overlong, a surrogate, beyond U+10FFFF, or truncated)");
        }
        decoder.flush(out);
        out.flip();
        // A leading UTF-8 byte order mark was skipped by Jackson's byte parser before; keep it so
        // (RFC 8259 §8.1 lets a parser ignore it).
        if (out.hasRemaining() && out.get(out.position()) == '\uFEFF') {
            out.position(out.position() + 1);
        }
        return out.toString();
    }

    /** Every field name and string value holds only paired surrogates (JSON escapes can make lone ones). */
    static void requireWellFormed(JsonNode root) {
        ArrayDeque<JsonNode> next = new ArrayDeque<>();
        next.add(root);
        while (!next.isEmpty()) {
            JsonNode node = next.poll();
            if (node.isTextual()) {
                requireScalarValues(node.textValue());
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    requireScalarValues(field.getKey());
                    next.add(field.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(next::add);
            }
        }
    }

    private static void requireScalarValues(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ScimException.invalidValue(String.format(
                        "The body holds a lone surrogate (\\u%04x): not a Unicode character", (int) c));
            }
        }
    }
}
