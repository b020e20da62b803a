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
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A group in Identity Center made equal to the desired one: its name and externalId here (created
 * through {@link Creates}, renamed with the shadow's state marked in flight first, like a user's
 * replace), its members by {@link MemberSync}. Both are PATCHes to the group, and a 404 to either is
 * ambiguous; they share the read that tells a group gone from Identity Center from a member unknown
 * there ({@link #patchOrForget}). What account assignments can refer to is announced as
 * {@link GroupsChanged} once the shadow holds it.
 */
@ApplicationScoped
public class GroupSync {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Creates creates;
    private final ShadowStore shadows;
    private final IdentityCenterClient client;
    private final MemberSync members;
    private final Event<GroupsChanged> groupsChanged;

    public GroupSync(Creates creates, ShadowStore shadows, IdentityCenterClient client, MemberSync members,
                     Event<GroupsChanged> groupsChanged) {
        this.creates = creates;
        this.shadows = shadows;
        this.client = client;
        this.members = members;
        this.groupsChanged = groupsChanged;
    }

    /** The group's Identity Center id, once it holds the desired name and externalId. */
    String attributes(OutboxQueue.Claim claim, ObjectNode desired, Optional<Shadow> shadow) {
        String icId;
        if (shadow.isEmpty()) {
            icId = creates.group(claim, desired, renameOperations(desired));
            shadows.save(new Shadow(claim.resourceId(), ResourceType.GROUP, claim.source(), icId, desired));
            groupsChanged.fire(new GroupsChanged(claim.resourceId()));
        } else {
            icId = shadow.get().icId();
            if (!desired.equals(shadow.get().state())) {
                shadows.stateInFlight(claim.resourceId());
                patchOrForget(claim, icId, () -> client.patchGroup(shadow.get().icId(), renameOperations(desired)));
                shadows.save(new Shadow(claim.resourceId(), ResourceType.GROUP, claim.source(), icId, desired));
                groupsChanged.fire(new GroupsChanged(claim.resourceId()));
            }
        }
        return icId;
    }

    /** Whether members are still awaited; {@code leaving} as in {@link MemberSync#sync}. */
    boolean members(OutboxQueue.Claim claim, String groupIcId, ObjectNode desired, List<String> memberIds,
                    Consumer<List<String>> leaving) {
        return patchOrForget(claim, groupIcId,
                () -> members.sync(claim.resourceId(), groupIcId, desired.path("displayName").asText(), claim.source(),
                        memberIds,
                        leaving));
    }

    /**
     * A 404 to a group PATCH means the group is gone from Identity Center (deleted in the console,
     * or a made-up dry-run id), or that a member id in it is unknown there (a user deleted in the
     * console). A read tells the two apart: only a group that is really gone is forgotten by the
     * shadow (the next attempt creates it again); forgetting one that exists would lose what the
     * shadow knows of its members.
     */
    private <T> T patchOrForget(OutboxQueue.Claim claim, String icId, Supplier<T> patch) {
        try {
            return patch.get();
        } catch (IdentityCenterException e) {
            if (!e.notFound()) {
                throw e;
            }
            if (client.groupExists(icId)) {
                throw new IdentityCenterException(404, "Identity Center holds group " + icId
                        + " but answered 404 to its PATCH: a member is unknown there (" + e.getMessage() + ")", null);
            }
            shadows.delete(claim.resourceId());
            throw new IdentityCenterException(404, "the group is gone from Identity Center; it is created again", null);
        }
    }

    private void patchOrForget(OutboxQueue.Claim claim, String icId, Runnable patch) {
        patchOrForget(claim, icId, () -> {
            patch.run();
            return null;
        });
    }

    private static List<ObjectNode> renameOperations(ObjectNode desired) {
        List<ObjectNode> ops = new ArrayList<>();
        ops.add(JSON.objectNode().put("op", "replace").put("path", "displayName")
                .put("value", desired.path("displayName").asText()));
        if (desired.hasNonNull("externalId")) {
            ops.add(JSON.objectNode().put("op", "replace").put("path", "externalId")
                    .put("value", desired.get("externalId").asText()));
        }
        return ops;
    }
}
