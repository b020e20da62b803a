package io.scimbridge.assignments;

import java.util.ArrayList;
import java.util.List;

/**
 * What it takes to make AWS hold the assignments the rules want: creates and deletes (each with
 * its rule), what was found on the way, the assignments left alone because the bridge did not
 * create them ({@code manage: managed}), and the managed records to forget (neither in AWS nor
 * wanted any more).
 *
 * @param desired   how many assignments the rules want
 * @param unchanged how many of those AWS already holds
 */
public record Plan(List<Change.Create> creates, List<Change.Delete> deletes, List<Finding> findings,
                   List<Assignment> unmanaged, List<Assignment> forget, int desired, int unchanged) {

    public Plan {
        creates = List.copyOf(creates);
        deletes = List.copyOf(deletes);
        findings = List.copyOf(findings);
        unmanaged = List.copyOf(unmanaged);
        forget = List.copyOf(forget);
    }

    /** Creates first (access is granted before any is taken away), then deletes. */
    public List<Change> changes() {
        List<Change> changes = new ArrayList<>(creates.size() + deletes.size());
        changes.addAll(creates);
        changes.addAll(deletes);
        return changes;
    }

    public boolean hasChanges() {
        return !creates.isEmpty() || !deletes.isEmpty();
    }

    public List<Finding> findings(Finding.Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    /** A terraform-style listing, for the CLI and the admin API. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Plan: ").append(creates.size()).append(" to create, ").append(deletes.size()).append(" to delete (")
                .append(unchanged).append(" unchanged, ").append(unmanaged.size())
                .append(" not created by the bridge, left alone)\n");
        if (hasChanges()) {
            out.append('\n');
        }
        for (Change.Create c : creates) {
            line(out, '+', c, "rule " + c.rule());
        }
        for (Change.Delete d : deletes) {
            line(out, '-', d, (d.rule() == null ? "" : "rule " + d.rule() + ": ") + d.reason());
        }
        if (!findings.isEmpty()) {
            out.append("\nFindings:\n");
            for (Finding f : findings) {
                out.append("  ").append(String.format("%-8s", f.severity().name().toLowerCase()))
                        .append("rule ").append(f.rule()).append(": ").append(f.message()).append('\n');
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, char sign, Change change, String why) {
        Assignment a = change.assignment();
        Change.Labels l = change.labels();
        out.append("  ").append(sign).append(' ').append(a.principalType().name().toLowerCase()).append(' ')
                .append(l.principal()).append(" -> ").append(l.permissionSet()).append(" in ").append(a.accountId());
        if (!l.account().equals(a.accountId())) {
            out.append(" (").append(l.account()).append(')');
        }
        out.append("   # ").append(why).append('\n');
    }
}
