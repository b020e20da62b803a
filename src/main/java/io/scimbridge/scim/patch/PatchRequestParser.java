package io.scimbridge.scim.patch;

import static io.scimbridge.scim.JsonFields.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.FilterParser;
import io.scimbridge.scim.filter.PatchPath;
import io.scimbridge.scim.schema.Schema;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a PATCH request body (RFC 7644 §3.5.2) into {@link PatchOperation}s, accepting what Azure
 * AD and Okta really send:
 * <ul>
 *   <li>{@code op} in any letter case ({@code "Add"}, {@code "Replace"}, {@code "Remove"} from Azure);</li>
 *   <li>the {@code Operations} member (and {@code op}/{@code path}/{@code value}) in any letter case;</li>
 *   <li>a blank {@code path} is treated as absent (some clients send {@code ""} for "the resource");</li>
 *   <li>an add/replace whose path is exactly a schema URN (the whole enterprise extension) is
 *       rewritten to the equivalent path-less form {@code {"<urn>": value}}.</li>
 * </ul>
 * Strict where leniency buys nothing: {@code schemas} must list the PatchOp URN (both IdPs always
 * send it; the RFC requires it), so a body of some other message type is refused early.
 *
 * <p>Errors: a malformed body, an unknown op, add/replace without (or with a null) value, or more
 * than {@link Limits#maxOperations()} operations -> {@code invalidSyntax} (the RFC has no
 * scimType for "too many operations": {@code tooMany} is defined for filters); remove without
 * path -> {@code noTarget} (§3.5.2.2); a syntactically bad path -> {@code invalidPath}.
 * Whether a path names a real attribute is checked later by {@link PatchEngine}.
 */
public final class PatchRequestParser {

    /** Bounds on one request. */
    public record Limits(int maxOperations) {
        /** Far above what Azure AD (a few ops) or Okta (one op per member change) send at once. */
        public static final Limits DEFAULT = new Limits(1000);

        public Limits {
            if (maxOperations < 1) {
                throw new IllegalArgumentException("maxOperations must be positive");
            }
        }
    }

    private PatchRequestParser() {}

    public static List<PatchOperation> parse(JsonNode body) {
        return parse(body, Limits.DEFAULT);
    }

    public static List<PatchOperation> parse(JsonNode body, Limits limits) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The PATCH body must be a JSON object");
        }
        requirePatchOpSchema(field(body, "schemas"));
        JsonNode operations = field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("The PATCH body needs a non-empty \"Operations\" array");
        }
        if (operations.size() > limits.maxOperations()) {
            throw ScimException.invalidSyntax("Too many PATCH operations: " + operations.size()
                    + " (at most " + limits.maxOperations() + " per request)");
        }
        List<PatchOperation> result = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            result.add(operation(operations.get(i), i + 1));
        }
        return List.copyOf(result);
    }

    private static void requirePatchOpSchema(JsonNode schemas) {
        if (schemas != null && schemas.isArray()) {
            for (JsonNode s : schemas) {
                if (s.isTextual() && s.asText().trim().equalsIgnoreCase(ScimSchemas.PATCH_OP)) {
                    return;
                }
            }
        }
        throw ScimException.invalidSyntax("\"schemas\" must contain " + ScimSchemas.PATCH_OP);
    }

    private static PatchOperation operation(JsonNode op, int number) {
        String where = "Operation " + number;
        if (op == null || !op.isObject()) {
            throw ScimException.invalidSyntax(where + " must be a JSON object");
        }
        JsonNode opName = field(op, "op");
        if (opName == null || !opName.isTextual()) {
            throw ScimException.invalidSyntax(where + " needs an \"op\" of add, replace or remove");
        }
        String rawPath = path(field(op, "path"), where);
        JsonNode value = field(op, "value");
        if (value != null && value.isNull()) {
            value = null; // "value": null carries nothing; treated as absent
        }
        String name = opName.asText().trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "add", "replace" -> {
                if (value == null) {
                    throw ScimException.invalidSyntax(where + " (" + name + ") needs a \"value\"");
                }
                String urn = schemaUrn(rawPath);
                if (urn != null) {
                    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
                    wrapped.set(urn, value);
                    value = wrapped;
                    rawPath = null;
                }
                PatchPath path = rawPath == null ? null : FilterParser.parsePath(rawPath);
                return name.equals("add") ? new PatchOperation.Add(path, value) : new PatchOperation.Replace(path, value);
            }
            case "remove" -> {
                if (rawPath == null) {
                    throw ScimException.noTarget(where + " (remove) needs a \"path\"");
                }
                return new PatchOperation.Remove(FilterParser.parsePath(rawPath), value);
            }
            default -> throw ScimException.invalidSyntax(where + " has an unknown op \"" + opName.asText()
                    + "\"; expected add, replace or remove");
        }
    }

    private static String path(JsonNode path, String where) {
        if (path == null || path.isNull()) {
            return null;
        }
        if (!path.isTextual()) {
            throw ScimException.invalidPath(where + ": \"path\" must be a string");
        }
        String s = path.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** The schema URN a path consists of, if it is exactly one of the URNs this server knows. */
    private static String schemaUrn(String path) {
        if (path == null) {
            return null;
        }
        for (Schema s : ScimSchemas.all()) {
            if (s.id().equalsIgnoreCase(path)) {
                return s.id();
            }
        }
        return null;
    }
}
