package io.scimbridge.iamusers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credential report's CSV (IAM User Guide, "Understanding the report format") read by column
 * name, so that AWS adding a column breaks nothing. Dates are ISO 8601 with an offset; {@code N/A},
 * {@code no_information} and {@code not_supported} mean no date. The root user's row is skipped.
 */
final class CredentialReportRows {

    /** What the inventory takes from one row: last uses, keys in the report's order (key 1, key 2). */
    record Row(Optional<Instant> passwordLastUsed, List<Optional<Instant>> keysLastUsed) {
    }

    private CredentialReportRows() {
    }

    static Map<String, Row> parse(String csv) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        Map<String, Row> rows = new HashMap<>();
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> header = List.of(lines.getFirst().split(",", -1));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            String user = cell(header, cells, "user");
            if (user == null || user.equals("<root_account>")) {
                continue;
            }
            List<Optional<Instant>> keys = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                keys.add(date(cell(header, cells, "access_key_" + i + "_last_used_date")));
            }
            rows.put(user, new Row(date(cell(header, cells, "password_last_used")), keys));
        }
        return rows;
    }

    private static String cell(List<String> header, String[] cells, String column) {
        int i = header.indexOf(column);
        return i >= 0 && i < cells.length ? cells[i] : null;
    }

    private static Optional<Instant> date(String value) {
        if (value == null || value.isEmpty() || value.equals("N/A") || value.equals("no_information")
                || value.equals("not_supported")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
