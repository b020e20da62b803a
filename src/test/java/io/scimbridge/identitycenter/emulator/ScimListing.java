package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Paging of /Users and /Groups as the developer guide (ListUsers, ListGroups) describes it:
 * {@code count} 1..100, default 100; {@code startIndex} not honoured (ignored); without a
 * {@code cursor} parameter a classic ListResponse (totalResults, startIndex, itemsPerPage) with the
 * first page only; with {@code cursor} (empty on the first call) itemsPerPage plus nextCursor while
 * more pages remain. Sorting is not supported and refused.
 */
final class ScimListing {

    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final int MAX_COUNT = 100;
    private static final Pattern CURSOR = Pattern.compile("[-a-zA-Z0-9+=/:_]*");
    private static final String CURSOR_PREFIX = "emulator-offset:";

    private ScimListing() {
    }

    static ObjectNode page(Map<String, String> query, List<? extends JsonNode> all) {
        for (String key : query.keySet()) {
            if (key.equalsIgnoreCase("sortBy") || key.equalsIgnoreCase("sortOrder")) {
                throw ScimError.invalid("sorting is not supported");
            }
        }
        int count = count(query.get("count"));
        boolean cursorMode = query.containsKey("cursor");
        int offset = cursorMode ? offset(query.get("cursor"), all.size()) : 0;
        List<? extends JsonNode> slice = all.subList(offset, Math.min(all.size(), offset + count));

        ObjectNode page = Json.object();
        if (!cursorMode) {
            page.put("totalResults", all.size());
        }
        page.put("itemsPerPage", slice.size());
        if (!cursorMode) {
            page.put("startIndex", 1);
        }
        page.putArray("schemas").add(LIST_RESPONSE);
        page.putArray("Resources").addAll(slice);
        if (cursorMode && offset + slice.size() < all.size()) {
            page.put("nextCursor", cursor(offset + slice.size()));
        }
        return page;
    }

    private static int count(String raw) {
        if (raw == null) {
            return MAX_COUNT;
        }
        try {
            int count = Integer.parseInt(raw.trim());
            if (count >= 1 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw ScimError.invalid("count must be 1..100, got '" + raw + "'");
    }

    private static String cursor(int offset) {
        return Base64.getEncoder().encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor, int size) {
        if (cursor.isEmpty()) {
            return 0;
        }
        if (!CURSOR.matcher(cursor).matches()) {
            throw ScimError.invalid("cursor does not match [-a-zA-Z0-9+=/:_]*");
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
                if (offset >= 0) {
                    return Math.min(offset, size);
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal (NumberFormatException is an IllegalArgumentException)
        }
        throw ScimError.invalid("cursor was not issued by this emulator");
    }
}
