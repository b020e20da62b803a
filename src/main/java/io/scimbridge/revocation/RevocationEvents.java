package io.scimbridge.revocation;

import io.scimbridge.identitycenter.delivery.UserAccessChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Locale;

/**
 * Keeps the deny list in step with delivery: a user about to be deactivated or deleted in
 * Identity Center goes on it (before the call is sent: the record is durable before sign-ins
 * stop), a re-activated one comes off; each change is audited and asks for a run.
 */
@ApplicationScoped
public class RevocationEvents {

    private final SessionRevocationConfig config;
    private final RevocationStore store;
    private final HoldTime hold;
    private final RevocationJournal journal;
    private final SessionRevocations revocations;

    public RevocationEvents(SessionRevocationConfig config, RevocationStore store, HoldTime hold,
                            RevocationJournal journal, SessionRevocations revocations) {
        this.config = config;
        this.store = store;
        this.hold = hold;
        this.journal = journal;
        this.revocations = revocations;
    }

    void onUserAccess(@Observes UserAccessChanged changed) {
        if (config.mode() == SessionRevocationConfig.Mode.OFF) {
            return;
        }
        Instant now = Instant.now();
        switch (changed.change()) {
            case DEACTIVATED, DELETED -> {
                Instant requestedAt = store.markedAt(changed.resourceId()).filter(t -> t.isBefore(now)).orElse(now);
                Revocation r = new Revocation(changed.icUserId(), changed.resourceId(), changed.source(),
                        changed.change().name().toLowerCase(Locale.ROOT), requestedAt, now, now.plus(hold.current()),
                        null, null);
                boolean added = store.find(changed.icUserId()).isEmpty();
                store.add(r);
                if (added) {
                    journal.denied(r);
                }
            }
            case REACTIVATED -> store.remove(changed.icUserId()).ifPresent(r -> journal.lifted(r, "re-activated"));
        }
        revocations.request();
    }
}
