package io.scimbridge.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What a SCIM write touched, told by the endpoint as it learns it, for the audit entry written
 * when the request's outcome is known ({@link AuditRecorder}). Holds only names and ids, never
 * a value of the request.
 */
@RequestScoped
public class AuditContext {

    /** More than this many PATCH operations are summarised as "... n more". */
    static final int MAX_PATCH_OPERATIONS = 50;
    private static final int MAX_PATH = 200;

    private String resourceId;
    private String name;
    private String externalId;
    private List<String> patchOperations = List.of();

    /** The naming attributes a create or replace body carries: known even when the write is refused. */
    public void requested(ResourceType type, JsonNode body) {
        if (body == null || !body.isObject()) {
            return;
        }
        JsonNode name = body.get(type.nameAttribute());
        if (name != null && name.isTextual()) {
            this.name = name.asText();
        }
        JsonNode externalId = body.get("externalId");
        if (externalId != null && externalId.isTextual()) {
            this.externalId = externalId.asText();
        }
    }

    /** The resource as stored: id (a create's new one), name and externalId. */
    public void touched(String resourceId, String name, String externalId) {
        this.resourceId = resourceId;
        this.name = name;
        this.externalId = externalId;
    }

    /**
     * A PATCH's operations as "op path", read from the raw body so that a refused PATCH is
     * summarised too. The values are never looked at: they may hold a password.
     */
    public void patchRequested(JsonNode body) {
        JsonNode operations = body == null ? null : body.get("Operations");
        if (operations == null || !operations.isArray()) {
            return;
        }
        List<String> summary = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (summary.size() == MAX_PATCH_OPERATIONS) {
                summary.add("... " + (operations.size() - MAX_PATCH_OPERATIONS) + " more");
                break;
            }
            String op = textOf(operation, "op");
            String path = textOf(operation, "path");
            String line = (op == null ? "?" : op.toLowerCase(java.util.Locale.ROOT))
                    + (path == null ? "" : " " + Clip.to(path, MAX_PATH));
            summary.add(Clip.to(line, MAX_PATH + 20));
        }
        this.patchOperations = List.copyOf(summary);
    }

    private static String textOf(JsonNode operation, String field) {
        JsonNode value = operation == null ? null : operation.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    String resourceId() { return resourceId; }
    String name() { return name; }
    String externalId() { return externalId; }
    List<String> patchOperations() { return patchOperations; }
}
