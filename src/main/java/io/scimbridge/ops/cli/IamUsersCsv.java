package io.scimbridge.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iam-users report --format csv}: one line per IAM user of {@code GET /admin/iam-users}, in
 * the report's order (person-left first), RFC 4180 quoting, lists joined with spaces.
 */
final class IamUsersCsv {

    static final List<String> COLUMNS = List.of("accountId", "accountName", "userName", "kind", "usable", "person",
            "personState", "linkedBy", "password", "passwordLastUsed", "activeKeys", "lastUsed", "mfaDevices", "groups",
            "attachedPolicies", "inlinePolicies");

    private IamUsersCsv() {
    }

    static String render(JsonNode report) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (JsonNode user : report.path("users")) {
            List<String> cells = new ArrayList<>();
            for (String column : COLUMNS) {
                JsonNode value = user.path(column);
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(v -> items.add(v.asText()));
                    cells.add(quote(String.join(" ", items)));
                } else {
                    cells.add(value.isMissingNode() || value.isNull() ? "" : quote(value.asText()));
                }
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }

    private static String quote(String value) {
        return value.matches(".*[\",\r\n].*") || value.startsWith(" ") || value.endsWith(" ")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
