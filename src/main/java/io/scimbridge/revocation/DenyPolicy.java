package io.scimbridge.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Deny the IAM Identity Center user guide gives for revoking active permission-set sessions
 * ("Prepare to revoke active IAM role sessions created by permission sets"): Deny {@code *} on
 * {@code *} when {@code identitystore:userId} equals one of the listed ids. Rendered compact (no
 * white space: the SDK saves a policy as sent and Organizations counts every character against its
 * 5,120), with a Sid by which the bridge finds its statement again. Plain Java.
 */
public final class DenyPolicy {

    /** The Sid of the bridge's statement, in its SCPs and in permission sets' inline policies. */
    public static final String SID = "ScimBridgeSessionRevocation";
    public static final String CONDITION_KEY = "identitystore:userId";
    /** Organizations: the maximum size of a service control policy document. */
    public static final int SCP_MAX_CHARACTERS = 5120;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EMPTY = render(List.of()).length();

    private DenyPolicy() {
    }

    /** The statement denying these ids. */
    public static ObjectNode statement(Collection<String> ids) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", SID).put("Effect", "Deny").put("Action", "*").put("Resource", "*");
        ArrayNode values = statement.putObject("Condition").putObject("StringEquals").putArray(CONDITION_KEY);
        ids.forEach(values::add);
        return statement;
    }

    /** A whole policy document with the statement alone (a bridge-owned SCP). */
    public static String render(Collection<String> ids) {
        ObjectNode document = JSON.createObjectNode();
        document.put("Version", "2012-10-17");
        document.putArray("Statement").add(statement(ids));
        return document.toString();
    }

    /** The size {@link #render} gives for ids of these lengths, without rendering (ids need no escaping). */
    public static int size(int count, int totalIdLength) {
        return EMPTY + totalIdLength + 2 * count + Math.max(0, count - 1);
    }

    /** The ids of the bridge's statement in a policy document; empty if it has none or is not JSON. */
    public static Set<String> ids(String document) {
        Set<String> ids = new LinkedHashSet<>();
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            return ids;
        }
        for (JsonNode statement : statements(root)) {
            if (SID.equals(statement.path("Sid").asText())) {
                JsonNode values = statement.path("Condition").path("StringEquals").path(CONDITION_KEY);
                if (values.isTextual()) {
                    ids.add(values.asText());
                } else {
                    values.forEach(v -> ids.add(v.asText()));
                }
            }
        }
        return ids;
    }

    /**
     * The operator's inline policy with the bridge's statement set to these ids (removed when there
     * are none); every other statement is kept as it is. {@code existing} may be null or blank.
     */
    public static String merge(String existing, Collection<String> ids) {
        ObjectNode document;
        try {
            JsonNode parsed = existing == null || existing.isBlank() ? null : JSON.readTree(existing);
            document = parsed instanceof ObjectNode o ? o : JSON.createObjectNode().put("Version", "2012-10-17");
        } catch (IOException e) {
            throw new IllegalArgumentException("the inline policy is not JSON: " + e.getMessage(), e);
        }
        List<JsonNode> kept = new ArrayList<>();
        statements(document).forEach(s -> {
            if (!SID.equals(s.path("Sid").asText())) {
                kept.add(s);
            }
        });
        if (!ids.isEmpty()) {
            kept.add(statement(ids));
        }
        if (kept.isEmpty()) {
            return null;
        }
        ArrayNode statements = document.putArray("Statement");
        kept.forEach(statements::add);
        return document.toString();
    }

    private static List<JsonNode> statements(JsonNode document) {
        JsonNode statement = document.path("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(out::add);
        } else if (statement.isObject()) {
            out.add(statement);
        }
        return out;
    }
}
