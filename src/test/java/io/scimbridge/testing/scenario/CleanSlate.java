package io.scimbridge.testing.scenario;

import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.identitycenter.delivery.DeliveryLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;

/**
 * Nothing in the bridge and nothing in the emulated AWS, for the start of a scenario (the
 * application, and so the database, lives across the test classes of one profile).
 */
@ApplicationScoped
public class CleanSlate {

    /**
     * Every table of bridge state: resources, dirty marks and shadow, the guard's state,
     * retirements, and the assignments recorded as made (a record left behind names a permission
     * set the next test's SSO Admin does not know).
     */
    private static final List<String> TABLES = List.of("ic_shadow_member", "ic_shadow", "ic_pending_create",
            "ic_dry_run_call", "session_revocation", "session_revocation_scope", "guard_held", "guard_sent",
            "managed_assignment", "iam_user_retirement", "departed_person", "scim_membership", "scim_attribute",
            "scim_resource");

    private final EntityManager em;
    private final DeliveryLoop deliveries;

    public CleanSlate(EntityManager em, DeliveryLoop deliveries) {
        this.em = em;
        this.deliveries = deliveries;
    }

    /**
     * The dirty marks go first, then the deliveries still running finish (a test that ends right
     * after a rules reload leaves every resource being re-delivered: one that finished after the
     * wipe re-created the last test's users in Identity Center and in the shadow), then the rest.
     */
    public void start(AwsEmulators aws) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from ic_outbox").executeUpdate());
        await("deliveries in flight finish").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(deliveries::idle);
        QuarkusTransaction.requiringNew().run(() -> TABLES.forEach(t -> em.createNativeQuery("delete from " + t).executeUpdate()));
        aws.reset();
    }
}
