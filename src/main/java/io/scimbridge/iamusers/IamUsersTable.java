package io.scimbridge.iamusers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The report as the CLI prints it: counts, unreachable accounts, then one row per IAM user (person-left first). */
public final class IamUsersTable {

    static final List<String> HEADER = List.of("CLASS", "ACCOUNT", "IAM USER", "PERSON", "USABLE", "LAST USED",
            "ACTIVE KEYS", "PASSWORD");

    private IamUsersTable() {
    }

    public static String render(IamUsersReport report) {
        StringBuilder text = new StringBuilder();
        if (report.problem().isPresent()) {
            return text.append("IAM users: ").append(report.problem().get()).append('\n').toString();
        }
        text.append("IAM users read at ").append(report.readAt().map(Instant::toString).orElse("-")).append(": ")
                .append(report.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                        .collect(Collectors.joining(", "))).append('\n');
        report.unreachable().forEach(u -> text.append("account ").append(u.accountId()).append(" (").append(u.accountName())
                .append(") not read: ").append(u.reason()).append('\n'));
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ClassifiedUser c : report.users()) {
            IamUser u = c.user();
            rows.add(List.of(c.kind().label(), u.accountId(), u.userName(),
                    c.person().map(p -> p.userName() + (p.departed() ? " (deleted)" : !p.active() ? " (inactive)" : "")).orElse("-"),
                    u.usable() ? "yes" : "no", u.lastUsed().map(Instant::toString).orElse("never"),
                    Integer.toString(u.activeKeyIds().size()), u.password() ? "yes" : "no"));
        }
        int[] widths = new int[HEADER.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(i == r.size() - 1 ? r.get(i) : pad(r.get(i), widths[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
