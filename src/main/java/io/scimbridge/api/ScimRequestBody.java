package io.scimbridge.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.scim.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body with the configured size limit (413 past it), refuses malformed Unicode
 * ({@link StrictUnicode}, 400 invalidValue) and parses it as JSON with bounded nesting and no
 * duplicate keys (400 invalidSyntax otherwise). Never trusts Content-Length: counts the bytes.
 */
@ApplicationScoped
public class ScimRequestBody {

    /** Deep enough for any SCIM document, shallow enough to refuse pathological nesting. */
    static final int MAX_NESTING = 32;

    private final ScimConfig config;
    private final ObjectMapper mapper;

    public ScimRequestBody(ScimConfig config) {
        this.config = config;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                        .maxStringLength(config.maxBodyBytes()).build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public JsonNode read(InputStream in) {
        byte[] bytes = readLimited(in);
        if (bytes.length == 0) {
            throw ScimException.invalidSyntax("The request has no body");
        }
        JsonNode json;
        try {
            json = mapper.readTree(StrictUnicode.decode(bytes));
        } catch (JsonProcessingException e) {
            // The parser's own message names the position; it never echoes more than a few chars.
            throw ScimException.invalidSyntax("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ScimException.invalidSyntax("The body could not be read");
        }
        StrictUnicode.requireWellFormed(json);
        return json;
    }

    private byte[] readLimited(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        int limit = config.maxBodyBytes();
        try {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw ScimException.payloadTooLarge("The request body is larger than " + limit + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw ScimException.invalidSyntax("The body could not be read");
        }
    }
}
