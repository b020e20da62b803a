package io.scimbridge.ops.status;

import io.scimbridge.iamusers.ClassifiedUser;
import io.scimbridge.iamusers.IamUserClass;
import io.scimbridge.iamusers.IamUsersInventory;
import io.scimbridge.iamusers.IamUsersReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The status page's IAM users section: the counts of the latest inventory and its first rows,
 * person-left first. Never reads AWS (the inventory runs on its own schedule or on demand).
 */
@ApplicationScoped
public class IamUsersSection {

    private final IamUsersInventory inventory;

    public IamUsersSection(IamUsersInventory inventory) {
        this.inventory = inventory;
    }

    public StatusView.IamUsers view(int limit) {
        if (!inventory.enabled()) {
            return new StatusView.IamUsers(false, "off: bridge.iam-users.role-name is not set", null, List.of(), 0,
                    List.of(), 0, List.of());
        }
        return inventory.last().map(report -> view(report, limit)).orElseGet(() -> new StatusView.IamUsers(true,
                "no inventory yet since the bridge started (GET /admin/iam-users?refresh=true reads one)", null,
                List.of(), 0, List.of(), 0, List.of()));
    }

    private static StatusView.IamUsers view(IamUsersReport report, int limit) {
        if (report.problem().isPresent()) {
            return new StatusView.IamUsers(true, report.problem().get(), null, List.of(), 0, List.of(), 0, List.of());
        }
        List<String> counts = report.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).toList();
        int leftUsable = (int) report.users().stream()
                .filter(u -> u.kind() == IamUserClass.PERSON_LEFT && u.user().usable()).count();
        return new StatusView.IamUsers(true, null, report.readAt().map(Display::time).orElse(null), counts, leftUsable,
                report.users().stream().limit(limit).map(IamUsersSection::row).toList(),
                Math.max(0, report.users().size() - limit),
                report.unreachable().stream().map(u -> u.accountId() + " (" + u.accountName() + "): " + u.reason()).toList());
    }

    private static StatusView.IamUserRow row(ClassifiedUser c) {
        return new StatusView.IamUserRow(c.kind().label(), c.user().ref(), c.person().map(p -> p.userName()).orElse("-"),
                c.user().usable(), c.user().lastUsed().map(Display::time).orElse("never"));
    }
}
