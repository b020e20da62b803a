package io.scimbridge.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.scim.ScimException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte-level and escape-level checks behind ScimRequestBody, without a server. */
class StrictUnicodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedUtf8IsAnInvalidValueNamingTheByte() {
        byte[][] malformed = {
                {'"', (byte) 0xC0, (byte) 0xAF, '"'},                            // overlong '/'
                {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'},               // overlong, 3 bytes
                {'"', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF, '"'},  // overlong, 4 bytes
                {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},  // U+110000
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},               // U+D800 encoded
                {'"', (byte) 0xC3, '"'},                                          // truncated
                {'"', (byte) 0x80, '"'}};                                         // stray continuation
        for (byte[] bytes : malformed) {
            ScimException e = assertThrows(ScimException.class, () -> StrictUnicode.decode(bytes));
            assertEquals("invalidValue", e.scimType());
            assertTrue(e.detail().contains("at byte 1"), e.detail());
        }
    }

    @Test
    void wellFormedTextDecodesAndALeadingByteOrderMarkIsIgnored() {
        byte[] text = "{\"a\":\"G\u00fcnther \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"a\":\"G\u00fcnther \uD83D\uDE00\"}", StrictUnicode.decode(text));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertEquals("{}", StrictUnicode.decode(bom));
    }

    @Test
    void loneSurrogatesFromEscapesAreRefusedAnywhere() throws Exception {
        for (String body : new String[] {"{\"a\":\"\\ud800\"}", "{\"a\":\"x\\udc00\"}", "{\"a\":[\"\\ude00\\ud83d\"]}",
                "{\"\\ud800\":1}", "{\"a\":{\"b\":\"\\udbff\"}}"}) {
            ScimException e = assertThrows(ScimException.class, () -> StrictUnicode.requireWellFormed(JSON.readTree(body)), body);
            assertEquals("invalidValue", e.scimType());
        }
        assertDoesNotThrow(() -> StrictUnicode.requireWellFormed(JSON.readTree("{\"a\":\"\\ud83d\\ude00\"}")));
    }
}
