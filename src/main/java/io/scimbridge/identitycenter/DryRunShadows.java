package io.scimbridge.identitycenter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.outbox.DirtyMarks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Going live after a dry-run: the shadow then holds made-up {@code dry-run-} ids for resources
 * Identity Center has never seen. At startup with a real client they are forgotten and every
 * resource is delivered again, so the first live run sends everything (adopting what already
 * exists there) instead of believing it was sent.
 */
@ApplicationScoped
public class DryRunShadows {

    private static final Logger LOG = Logger.getLogger(DryRunShadows.class);
    static final String PREFIX = "dry-run-";

    private final IdentityCenterClient client;
    private final EntityManager em;
    private final DirtyMarks marks;

    public DryRunShadows(IdentityCenterClient client, EntityManager em, DirtyMarks marks) {
        this.client = client;
        this.em = em;
        this.marks = marks;
    }

    void forgetOnGoingLive(@Observes StartupEvent event) {
        if (client.dryRun()) {
            return;
        }
        int forgotten = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("delete from ic_shadow_member where group_id in (select resource_id from ic_shadow"
                    + " where ic_id like :p) or member_id in (select resource_id from ic_shadow where ic_id like :p)")
                    .setParameter("p", PREFIX + "%").executeUpdate();
            int n = em.createNativeQuery("delete from ic_shadow where ic_id like :p").setParameter("p", PREFIX + "%")
                    .executeUpdate();
            if (n > 0) {
                marks.markAll();
            }
            return n;
        });
        if (forgotten > 0) {
            LOG.infof("Going live after a dry-run: %d dry-run shadow(s) forgotten, every resource will be delivered", forgotten);
        }
    }
}
