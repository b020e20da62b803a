package io.scimbridge.identitycenter.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PatchOp envelope, with the rules common to PatchUser and PatchGroup: the PatchOp schema, a
 * non-empty Operations list, op one of add/replace/remove (read case-insensitively: Entra sends
 * "Add"), a path for remove and a value for add/replace (developer guide, PatchUser constraints).
 */
final class PatchRequest {

    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** One operation as sent; {@code op} lower-cased, {@code path} null when absent. */
    record Operation(String op, String path, JsonNode value) {
        boolean isRemove() {
            return op.equals("remove");
        }
    }

    private PatchRequest() {
    }

    static List<Operation> parse(JsonNode body) {
        if (!body.isObject()) {
            throw ScimError.invalid("PATCH body is not a JSON object");
        }
        boolean patchOpSchema = false;
        for (JsonNode schema : body.path("schemas")) {
            patchOpSchema |= PATCH_OP.equals(schema.asText());
        }
        if (!patchOpSchema) {
            throw ScimError.invalid("schemas must contain " + PATCH_OP);
        }
        JsonNode operations = body.get("Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimError.invalid("Operations must be a non-empty array");
        }
        List<Operation> result = new ArrayList<>();
        for (JsonNode operation : operations) {
            result.add(operation(operation));
        }
        return result;
    }

    private static Operation operation(JsonNode node) {
        if (!node.isObject()) {
            throw ScimError.invalid("an operation must be an object");
        }
        JsonNode opNode = node.get("op");
        if (opNode == null || !opNode.isTextual()) {
            throw ScimError.invalid("the operation must be specified");
        }
        String op = opNode.asText().toLowerCase(Locale.ROOT);
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw ScimError.invalid("op '" + opNode.asText() + "' is not supported (add, replace, remove)");
        }
        JsonNode pathNode = node.get("path");
        String path = pathNode == null || pathNode.isNull() ? null : pathNode.asText();
        if (path != null && path.isBlank()) {
            path = null;
        }
        JsonNode value = node.get("value");
        if (value != null && value.isNull()) {
            value = null;
        }
        if (op.equals("remove") && path == null) {
            throw ScimError.invalid("path is required for remove");
        }
        if (!op.equals("remove") && value == null) {
            throw ScimError.invalid("value is required for " + op);
        }
        return new Operation(op, path, value);
    }
}
