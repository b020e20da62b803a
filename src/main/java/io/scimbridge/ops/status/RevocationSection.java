package io.scimbridge.ops.status;

import io.scimbridge.revocation.HoldTime;
import io.scimbridge.revocation.Revocation;
import io.scimbridge.revocation.ScopedRevocation;
import io.scimbridge.revocation.SessionRevocationConfig;
import io.scimbridge.revocation.SessionRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The status page's session-revocation section. Counts and problems are those of the latest run
 * (it runs within a second of every change and every reconcile interval), not computed per page
 * view: that would call AWS. The lists are read from the store.
 */
@ApplicationScoped
public class RevocationSection {

    private final SessionRevocations revocations;
    private final HoldTime hold;

    public RevocationSection(SessionRevocations revocations, HoldTime hold) {
        this.revocations = revocations;
        this.hold = hold;
    }

    public StatusView.SessionRevocation view(int limit) {
        SessionRevocationConfig.Mode mode = revocations.mode();
        String name = mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        List<Revocation> leavers = revocations.list();
        List<ScopedRevocation> scoped = revocations.scopedList();
        var run = revocations.last();
        String lastRun = run.map(r -> r.succeeded() ? "succeeded at " + Display.time(r.at())
                : "failed at " + Display.time(r.at()) + ": " + r.error()).orElse(null);
        return new StatusView.SessionRevocation(name, mode == SessionRevocationConfig.Mode.OFF,
                run.map(SessionRevocations.Run::dryRun).orElse(false), hold.current().toString(), lastRun,
                run.map(r -> !r.succeeded()).orElse(false), leavers.size(), scoped.size(),
                run.map(SessionRevocations.Run::uncovered).orElse(0),
                run.map(SessionRevocations.Run::overflowToPermissionSets).orElse(0),
                run.map(r -> r.policies().size()).orElse(0), run.map(r -> r.permissionSets().size()).orElse(0),
                run.map(SessionRevocations.Run::problems).orElse(List.of()),
                leavers.stream().sorted(Comparator.comparing(Revocation::revokedAt).reversed()).limit(limit)
                        .map(RevocationSection::leaver).toList(),
                scoped.stream().sorted(Comparator.comparing(ScopedRevocation::revokedAt).reversed()).limit(limit)
                        .map(RevocationSection::removedFromGroup).toList());
    }

    private static StatusView.Denied leaver(Revocation r) {
        return new StatusView.Denied(r.icUserId(), r.reason(), r.placement() == null ? "pending" : r.placement(),
                Display.time(r.revokedAt()), Display.time(r.expiresAt()));
    }

    private static StatusView.Denied removedFromGroup(ScopedRevocation r) {
        return new StatusView.Denied(r.icUserId(), "left group " + r.groupId(),
                r.permissionSetArn() + (r.inForceAt() == null ? " (pending)" : ""),
                Display.time(r.revokedAt()), Display.time(r.expiresAt()));
    }
}
