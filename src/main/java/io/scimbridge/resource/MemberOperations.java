package io.scimbridge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.CompareOp;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.filter.PatchPath;
import io.scimbridge.scim.patch.PatchOperation;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Splits a group PATCH into attribute operations (for the PATCH engine) and member changes, in
 * request order. Understands every member dialect Azure AD and Okta send: add with a value
 * array, remove by {@code members[value eq "id"]}, remove with {@code path: members} and a value
 * array (those members only), remove all, replace all, and members inside a path-less value.
 */
final class MemberOperations {

    record Split(List<PatchOperation> attributeOps, List<MemberChange> memberChanges) {}

    private MemberOperations() {}

    static Split split(List<PatchOperation> ops) {
        List<PatchOperation> attributeOps = new ArrayList<>();
        List<MemberChange> changes = new ArrayList<>();
        for (PatchOperation op : ops) {
            PatchPath path = op.path();
            if (path == null) {
                splitPathless(op, attributeOps, changes);
            } else if (isMembers(path)) {
                changes.add(memberChange(op, path));
            } else {
                attributeOps.add(op);
            }
        }
        return new Split(attributeOps, changes);
    }

    private static boolean isMembers(PatchPath path) {
        return path.attribute().attribute().equalsIgnoreCase("members")
                && (path.attribute().schema() == null || path.attribute().schema().equalsIgnoreCase(ScimSchemas.GROUP));
    }

    private static void splitPathless(PatchOperation op, List<PatchOperation> attributeOps, List<MemberChange> changes) {
        JsonNode value = op.value();
        if (!(value instanceof ObjectNode object)) {
            attributeOps.add(op); // the engine reports the type error
            return;
        }
        ObjectNode rest = object.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase("members")) {
                rest.remove(field.getKey());
                List<String> ids = ids(field.getValue());
                changes.add(op instanceof PatchOperation.Replace ? new MemberChange.ReplaceAll(ids) : new MemberChange.Add(ids));
            }
        }
        if (!rest.isEmpty()) {
            attributeOps.add(op instanceof PatchOperation.Replace ? new PatchOperation.Replace(null, rest)
                    : new PatchOperation.Add(null, rest));
        }
    }

    private static MemberChange memberChange(PatchOperation op, PatchPath path) {
        if (path.attribute().subAttribute() != null || path.subAttribute() != null) {
            throw ScimException.invalidPath("Members can only be added or removed as a whole; '" + path
                    + "' names a sub-attribute");
        }
        return switch (op) {
            case PatchOperation.Add add -> {
                if (path.hasValueFilter()) {
                    throw ScimException.invalidPath("add takes the path 'members' without a filter");
                }
                yield new MemberChange.Add(ids(add.value()));
            }
            case PatchOperation.Replace replace -> {
                if (path.hasValueFilter()) {
                    throw ScimException.invalidPath("replace takes the path 'members' without a filter");
                }
                yield new MemberChange.ReplaceAll(ids(replace.value()));
            }
            case PatchOperation.Remove remove -> {
                if (path.hasValueFilter()) {
                    yield new MemberChange.Remove(idsFromFilter(path.valueFilter()));
                }
                if (remove.value() != null && !remove.value().isNull()) {
                    yield new MemberChange.Remove(ids(remove.value())); // Azure AD's old dialect
                }
                yield new MemberChange.RemoveAll();
            }
        };
    }

    /** Member ids from a value: an array of {value: id} objects, one such object, or bare ids. */
    static List<String> ids(JsonNode value) {
        List<String> ids = new ArrayList<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                ids.add(id(element));
            }
        } else {
            ids.add(id(value));
        }
        return ids;
    }

    private static String id(JsonNode element) {
        JsonNode v = element.isObject() ? element.get("value") : element;
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ScimException.invalidValue("Each member needs a 'value' with the member's id");
        }
        if (v.asText().indexOf('\0') >= 0) {
            // no id holds NUL, and PostgreSQL can't even look one up
            throw ScimException.invalidValue("A member id can't contain a NUL character");
        }
        return v.asText();
    }

    /** {@code value eq "a"}, or several joined with {@code or}: the shapes clients send. */
    private static List<String> idsFromFilter(Filter filter) {
        List<String> ids = new ArrayList<>();
        collect(filter, ids);
        return ids;
    }

    private static void collect(Filter f, List<String> ids) {
        switch (f) {
            case Filter.Or or -> {
                collect(or.left(), ids);
                collect(or.right(), ids);
            }
            case Filter.Comparison c when c.op() == CompareOp.EQ && c.path().attribute().equalsIgnoreCase("value")
                    && c.path().subAttribute() == null && c.value() instanceof String s -> ids.add(s);
            default -> throw ScimException.invalidFilter(
                    "Members are selected by id: members[value eq \"<id>\"] (several joined with or)");
        }
    }
}
