package io.scimbridge.revocation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.scimbridge.audit.AuditOperation;
import io.scimbridge.audit.BridgeActions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * What session revocation tells operators, in one place: a log line and an audit entry per user
 * denied or lifted (DENY / LIFT in the audit log, with the reason), and the metrics
 * ({@code bridge_session_revocations}, {@code _uncovered}, {@code bridge_session_revocation_seconds},
 * {@code bridge_session_revocation_failures_total}).
 */
@ApplicationScoped
@Startup // the meters exist from the start, so that increase() and the alerts see the first change
public class RevocationJournal {

    private static final Logger LOG = Logger.getLogger(RevocationJournal.class);
    private static final String USER = "User";

    private final BridgeActions audit;
    private final AtomicInteger listed = new AtomicInteger();
    private final AtomicInteger uncovered = new AtomicInteger();
    private final Counter failures;
    private final Timer latency;

    public RevocationJournal(BridgeActions audit, MeterRegistry metrics) {
        this.audit = audit;
        metrics.gauge("bridge.session.revocations", listed);
        metrics.gauge("bridge.session.revocations.uncovered", uncovered);
        this.failures = Counter.builder("bridge.session.revocation.failures")
                .description("Session revocation runs that failed (AWS refused or did not answer)").register(metrics);
        this.latency = Timer.builder("bridge.session.revocation")
                .description("Time from the IdP's request to the Deny of the leaver's sessions being in force in AWS")
                .publishPercentileHistogram().register(metrics);
    }

    void denied(Revocation r) {
        LOG.infof("Session revocation: Identity Center user %s (resource %s, %s) goes on the deny list until %s",
                r.icUserId(), r.resourceId(), r.reason(), r.expiresAt());
        audit.record(r.source(), AuditOperation.DENY, USER, r.resourceId(), r.icUserId(),
                List.of(r.reason(), "until " + r.expiresAt()));
    }

    void deniedIn(ScopedRevocation r) {
        LOG.infof("Session revocation: Identity Center user %s left group %s; denied in permission set %s until %s",
                r.icUserId(), r.groupId(), r.permissionSetArn(), r.expiresAt());
        audit.record(r.source(), AuditOperation.DENY, USER, null, r.icUserId(),
                List.of("removed from group " + r.groupId(), "in " + r.permissionSetArn(), "until " + r.expiresAt()));
    }

    void inForce(Revocation r, String placement, Duration took) {
        latency.record(took);
        LOG.infof("Session revocation: sessions of Identity Center user %s denied in %s, %d ms after the IdP's request",
                r.icUserId(), placement, took.toMillis());
    }

    void lifted(Revocation r, String why) {
        LOG.infof("Session revocation: Identity Center user %s (resource %s) off the deny list: %s", r.icUserId(),
                r.resourceId(), why);
        audit.record(r.source(), AuditOperation.LIFT, USER, r.resourceId(), r.icUserId(), List.of(why));
    }

    void liftedIn(ScopedRevocation r, String why) {
        LOG.infof("Session revocation: Identity Center user %s no longer denied in permission set %s: %s", r.icUserId(),
                r.permissionSetArn(), why);
        audit.record(r.source(), AuditOperation.LIFT, USER, null, r.icUserId(), List.of(why, "in " + r.permissionSetArn()));
    }

    void counts(int onTheList, int notCovered) {
        listed.set(onTheList);
        uncovered.set(notCovered);
    }

    int uncovered() {
        return uncovered.get();
    }

    void failed() {
        failures.increment();
    }
}
