package io.scimbridge.aws.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * MaxResults / NextToken paging of the Identity Store List* operations. MaxResults is 1..100 (API
 * reference); the default when absent is an emulator choice (100). A NextToken is opaque, bound to
 * the operation that issued it; anything else is a ValidationException.
 */
final class Pagination {

    static final int MAX_RESULTS = 100;

    record Page<T>(List<T> items, String nextToken) {
    }

    private Pagination() {
    }

    static <T> Page<T> page(String operation, List<T> all, JsonNode input) {
        int max = maxResults(input.get("MaxResults"));
        int offset = offset(operation, input.get("NextToken"));
        int end = Math.min(all.size(), offset + max);
        List<T> items = all.subList(Math.min(offset, all.size()), end);
        return new Page<>(items, end < all.size() ? token(operation, end) : null);
    }

    private static int maxResults(JsonNode node) {
        if (node == null || node.isNull()) {
            return MAX_RESULTS;
        }
        if (!node.canConvertToInt() || node.asInt() < 1 || node.asInt() > MAX_RESULTS) {
            throw AwsError.validation("MaxResults must be between 1 and 100");
        }
        return node.asInt();
    }

    private static int offset(String operation, JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(node.asText()), StandardCharsets.UTF_8);
            String prefix = operation + ":";
            if (decoded.startsWith(prefix)) {
                int offset = Integer.parseInt(decoded.substring(prefix.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw AwsError.validation("NextToken is invalid for " + operation);
    }

    private static String token(String operation, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((operation + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }
}
