package io.scimbridge.identitycenter.delivery;

import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.guard.Removal;
import io.scimbridge.identitycenter.preview.DeliveryPreview;
import io.scimbridge.rules.RulesChanged;
import io.scimbridge.scim.ResourceType;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Objects;

/**
 * A rules edit is forecast before it is delivered: the deactivations and deletions the delivery
 * preview announces are put to the deprovisioning guard at once, so that an edit that would exclude
 * every group trips it before the first group is deleted (delivery then asks about each one, one
 * resource at a time, and would only see the edit's size after sending up to the limit). Observed
 * before {@code DirtyMarks} marks every resource dirty (an earlier priority than the default).
 */
@ApplicationScoped
public class RulesEditForecast {

    private final DeliveryPreview preview;
    private final DeprovisionGuard guard;

    public RulesEditForecast(DeliveryPreview preview, DeprovisionGuard guard) {
        this.preview = preview;
        this.guard = guard;
    }

    void onRulesChanged(@Observes @Priority(Interceptor.Priority.APPLICATION) RulesChanged changed) {
        if (!changed.forwardingChanged() || !guard.enabled()) {
            return;
        }
        List<Removal> removals = preview.preview(changed.now()).changes().stream()
                .map(RulesEditForecast::removal).filter(Objects::nonNull).toList();
        guard.anticipate(removals);
    }

    /** The removal delivery will ask about for this change (the same key), or null for a create or update. */
    private static Removal removal(DeliveryPreview.Change c) {
        boolean user = ResourceType.USER.wireName().equals(c.type());
        Removal.Kind kind = switch (c.action()) {
            case "deactivate" -> Removal.Kind.USER_DEACTIVATE;
            case "delete" -> user ? Removal.Kind.USER_DELETE : Removal.Kind.GROUP_DELETE;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        return new Removal(kind, c.id(), c.id(), user ? c.name() : null, user ? null : c.name(), null,
                c.action() + (user ? " user " : " group ") + c.name(), c.rule());
    }
}
