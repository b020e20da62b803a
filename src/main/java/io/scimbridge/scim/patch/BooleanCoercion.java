package io.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.scimbridge.scim.ScimException;

/**
 * Booleans as Azure AD sends them. Before the {@code aadOptscim062020} fix Entra ID sent
 * {@code "active": "False"} (a string); it still does for apps created before that date. The
 * store keeps JSON booleans only, so filters and Identity Center see one representation.
 */
final class BooleanCoercion {

    private BooleanCoercion() {}

    /** A JSON boolean, or "true"/"false" in any letter case; anything else is invalidValue. */
    static BooleanNode coerce(JsonNode value, String where) {
        if (value != null && value.isBoolean()) {
            return (BooleanNode) value;
        }
        if (value != null && value.isTextual()) {
            String s = value.asText().trim();
            if (s.equalsIgnoreCase("true")) {
                return BooleanNode.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return BooleanNode.FALSE;
            }
        }
        throw ScimException.invalidValue(where + " must be a boolean (true or false), not " + value);
    }
}
