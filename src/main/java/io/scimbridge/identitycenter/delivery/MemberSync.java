package io.scimbridge.identitycenter.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.client.IdentityCenterClient;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A group's members in Identity Center made equal to the desired ones: explicit add and remove
 * lists in chunks of 100 (Identity Center refuses more, and refuses a replace of all members).
 * Only members the rules forward; a member not yet in Identity Center is waited for.
 *
 * <p>Write-ahead: each chunk is recorded in the shadow as in flight before its PATCH is sent and
 * settled after the answer. A process killed in between leaves the shadow with every member
 * Identity Center may hold, marked unknown; the next diff sends each unknown one again according
 * to the desired state (an add of a member, or a removal of a non-member, is accepted by Identity
 * Center as a no-op). So the shadow never knows less than Identity Center, and a removal the IdP
 * asks for after the crash is always sent.
 *
 * <p>Members about to be removed (one by one or with their group), and members added, are
 * reported as {@link GroupMembersChanged} (session revocation denies what a group gave when its
 * rule asks for it).
 */
@ApplicationScoped
public class MemberSync {

    /** Identity Center's limit of member changes in one request. */
    static final int MEMBER_CHUNK = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;


    private final ShadowStore shadows;
    private final IdentityCenterClient client;
    private final OutboxQueue queue;
    private final Event<GroupMembersChanged> membersChanged;
    private final Removals removals;

    public MemberSync(ShadowStore shadows, IdentityCenterClient client, OutboxQueue queue,
                      Event<GroupMembersChanged> membersChanged, Removals removals) {
        this.shadows = shadows;
        this.client = client;
        this.queue = queue;
        this.membersChanged = membersChanged;
        this.removals = removals;
    }

    /**
     * Returns whether members are still awaited. {@code leaving} hears who leaves the group before
     * anything is sent (with requireGroup they are decided again, even if a PATCH then fails).
     * Removals the deprovisioning guard holds are not sent and stay in the shadow (asked again next time).
     */
    boolean sync(String groupId, String groupIcId, String groupName, String source, List<String> memberIds,
                 Consumer<List<String>> leaving) {
        Set<String> known = shadows.members(groupId);
        Set<String> confirmed = shadows.confirmedMembers(groupId);
        Set<String> involved = new HashSet<>(known);
        involved.addAll(memberIds);
        Map<String, String> forwarded = shadows.forwardedIcIdsOf(involved);
        Map<String, String> toAdd = new LinkedHashMap<>();
        boolean waiting = false;
        for (String member : new LinkedHashSet<>(memberIds)) {
            if (confirmed.contains(member)) {
                continue;
            }
            // absent from the shadow, or in flight (maybe there, maybe not): send the add
            String memberIcId = forwarded.get(member);
            if (memberIcId != null) {
                toAdd.put(member, memberIcId);
            } else if (queue.pending(member)) {
                waiting = true;
            }
        }
        Set<String> wanted = Set.copyOf(memberIds);
        // confirmed or in flight: Identity Center may hold it, so the removal is sent
        List<String> toRemove = removals.membersToRemove(groupId, source, groupName,
                known.stream().filter(m -> !wanted.contains(m) || !forwarded.containsKey(m)).toList());
        leaving.accept(toRemove);
        for (List<String> chunk : chunks(new ArrayList<>(toAdd.keySet()))) {
            ObjectNode op = JSON.objectNode().put("op", "add").put("path", "members");
            chunk.forEach(m -> op.withArray("value").addObject().put("value", toAdd.get(m)));
            shadows.membersInFlight(groupId, chunk);
            client.patchGroup(groupIcId, List.of(op));
            shadows.confirmMembers(groupId, chunk);
            report(groupId, groupIcId, source, chunk, toAdd, GroupMembersChanged.Change.JOINED);
        }
        // a member whose own shadow is gone was deleted in Identity Center, and its memberships
        // with it: nothing to send for it
        Map<String, String> leavingIcIds = new LinkedHashMap<>();
        for (String m : toRemove) {
            shadows.icIdOf(m).ifPresent(id -> leavingIcIds.put(m, id));
        }
        // before any removal is sent: what the group gave may be denied (revokeOnGroupRemoval)
        report(groupId, groupIcId, source, toRemove, leavingIcIds, GroupMembersChanged.Change.LEAVING);
        for (List<String> chunk : chunks(toRemove)) {
            ObjectNode op = JSON.objectNode().put("op", "remove").put("path", "members");
            for (String m : chunk) {
                Optional.ofNullable(leavingIcIds.get(m)).ifPresent(id -> op.withArray("value").addObject().put("value", id));
            }
            if (!op.withArray("value").isEmpty()) {
                shadows.membersInFlight(groupId, chunk);
                client.patchGroup(groupIcId, List.of(op));
            }
            shadows.removeMembers(groupId, chunk);
        }
        return waiting;
    }

    /**
     * A group about to be deleted in Identity Center: its members lose what it gave as surely as
     * if they were removed one by one, so they are reported as leaving, before the delete is sent.
     */
    void groupDeleting(String groupId, String groupIcId, String source) {
        List<String> carried = List.copyOf(shadows.members(groupId));
        Map<String, String> icIds = new LinkedHashMap<>();
        for (String m : carried) {
            shadows.icIdOf(m).ifPresent(id -> icIds.put(m, id));
        }
        report(groupId, groupIcId, source, carried, icIds, GroupMembersChanged.Change.LEAVING);
    }

    private void report(String groupId, String groupIcId, String source, List<String> memberIds,
                        Map<String, String> icIds, GroupMembersChanged.Change change) {
        List<GroupMembersChanged.Member> members = memberIds.stream().filter(icIds::containsKey)
                .map(m -> new GroupMembersChanged.Member(m, icIds.get(m))).toList();
        if (!members.isEmpty()) {
            membersChanged.fire(new GroupMembersChanged(groupId, groupIcId, source, members, change));
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += MEMBER_CHUNK) {
            out.add(ids.subList(i, Math.min(ids.size(), i + MEMBER_CHUNK)));
        }
        return out;
    }
}
