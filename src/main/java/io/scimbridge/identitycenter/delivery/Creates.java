package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.client.IdentityCenterException;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Creates in Identity Center, crash-consistent: the unique name (userName, displayName) is recorded
 * in the shadow as a create in flight <em>before</em> the create is sent, so that a process killed
 * between Identity Center's answer and the shadow write leaves a trace. The next delivery of the
 * resource {@linkplain #resolveInFlight looks it up by that name} and adopts it: to bring it to the
 * desired state, or to delete it when the IdP deleted the resource meanwhile. Without the trace the
 * bridge would have nothing to delete, and Identity Center would keep a user the IdP deleted.
 */
@ApplicationScoped
public class Creates {

    private static final Logger LOG = Logger.getLogger(Creates.class);

    private final ShadowStore shadows;
    private final IdentityCenterClient client;

    public Creates(ShadowStore shadows, IdentityCenterClient client) {
        this.shadows = shadows;
        this.client = client;
    }

    /**
     * A create of this resource sent by an earlier delivery whose answer was never recorded (the
     * process died): Identity Center may hold it. Looked up by the name it was created under; when
     * found (and no other bridge resource owns it), it is adopted into the shadow with an unknown
     * state, so that the delivery that follows sends the whole desired state, or deletes it.
     */
    Optional<Shadow> resolveInFlight(OutboxQueue.Claim claim, String name) {
        Optional<String> icId = claim.type() == ResourceType.USER ? client.findUserId(name)
                : client.findGroupId(name);
        if (icId.isEmpty() || shadows.resourceIdOf(claim.type(), icId.get()).filter(o -> !o.equals(claim.resourceId())).isPresent()) {
            // the create never reached Identity Center, or the name belongs to another resource by now
            shadows.forgetCreateInFlight(claim.resourceId());
            return Optional.empty();
        }
        LOG.infof("The create of %s %s was answered but not recorded (a crash): adopting Identity Center's %s",
                claim.type().wireName(), claim.resourceId(), icId.get());
        Shadow adopted = new Shadow(claim.resourceId(), claim.type(), claim.source(), icId.get(),
                JsonNodeFactory.instance.objectNode());
        shadows.save(adopted);
        return Optional.of(adopted);
    }

    /** A 409 means the userName exists there: adopt it, unless another bridge user owns it. */
    String user(OutboxQueue.Claim claim, ObjectNode desired) {
        String userName = desired.path("userName").asText();
        shadows.createInFlight(claim.resourceId(), ResourceType.USER, userName);
        try {
            return client.createUser(desired);
        } catch (IdentityCenterException e) {
            if (!e.conflict()) {
                throw e;
            }
            String icId = client.findUserId(userName).orElseThrow(() -> e);
            requireUnowned(ResourceType.USER, icId, claim.resourceId(), "userName '" + userName + "'");
            client.replaceUser(icId, desired);
            return icId;
        }
    }

    /**
     * Like {@link #user}; the adopted group is brought to the desired state (its externalId, the
     * letter case of a name typed by hand in the console) by {@code renameOperations}.
     */
    String group(OutboxQueue.Claim claim, ObjectNode desired, java.util.List<ObjectNode> renameOperations) {
        String name = desired.path("displayName").asText();
        shadows.createInFlight(claim.resourceId(), ResourceType.GROUP, name);
        try {
            return client.createGroup(desired);
        } catch (IdentityCenterException e) {
            if (!e.conflict()) {
                throw e;
            }
            String icId = client.findGroupId(name).orElseThrow(() -> e);
            requireUnowned(ResourceType.GROUP, icId, claim.resourceId(), "displayName '" + name + "'");
            client.patchGroup(icId, renameOperations);
            // An adopted group's members are unknown to the shadow: members we add that are
            // already there are accepted again by Identity Center (add is idempotent).
            return icId;
        }
    }

    private void requireUnowned(ResourceType type, String icId, String resourceId, String what) {
        Optional<String> owner = shadows.resourceIdOf(type, icId);
        if (owner.isPresent() && !owner.get().equals(resourceId)) {
            // Permanent: no retry helps until an operator or a change to this resource settles
            // it, so it becomes a dead letter (visible, retryable) instead of being retried for
            // ever, and the groups holding it stop waiting for it.
            throw new IdentityCenterException(409, "Identity Center's " + type.wireName() + " with " + what
                    + " already belongs to bridge resource " + owner.get(), null, true);
        }
    }
}
