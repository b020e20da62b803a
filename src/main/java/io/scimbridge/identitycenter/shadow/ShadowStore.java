package io.scimbridge.identitycenter.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The shadow: what we last know Identity Center holds for each resource (its id there, the
 * desired state last applied, and group memberships). Each write is its own short transaction.
 *
 * <p>Written ahead of the calls it is about, so that a crash between Identity Center's answer
 * and the bridge's record never leaves the shadow knowing <em>less</em> than Identity Center:
 * a membership being added or removed is recorded {@linkplain #membersInFlight in flight} before
 * the PATCH and settled after the answer; a create is recorded {@linkplain #createInFlight in
 * flight} under its unique name before it is sent, and replaced by the shadow when it is answered.
 * In-flight entries are unknowns the next delivery resolves (by sending again, or by a look-up).
 */
@ApplicationScoped
public class ShadowStore {

    /** One resource's shadow. */
    public record Shadow(String resourceId, ResourceType type, String source, String icId, ObjectNode state) {}

    static final int PAGE = 500;

    private final EntityManager em;
    private final ObjectMapper json;

    public ShadowStore(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public Optional<Shadow> find(String resourceId) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select resource_id, resource_type, source, ic_id, state"
                    + " from ic_shadow where resource_id = :id").setParameter("id", resourceId).getResultList();
            return rows.stream().findFirst().map(this::shadow);
        });
    }

    /** Every shadow of one type at once: for groups (assignments plan from them all), never for users. */
    public List<Shadow> all(ResourceType type) {
        List<Shadow> all = new ArrayList<>();
        forEach(type, all::add);
        return all;
    }

    /**
     * Every shadow of one type (reconciliation compares them all with Identity Center), {@value #PAGE}
     * at a time in the order of their Identity Center ids (an index has them so), each page read in a read-only transaction of its
     * own, the action run between pages. A shadow the action changes or deletes does not disturb the
     * walk. Never all at once: 100,000 users' shadows parsed are about 170 MiB, more than the whole heap
     * the bridge runs with (README "Performance", memory).
     */
    public void forEach(ResourceType type, Consumer<Shadow> action) {
        String after = "";
        while (true) {
            String from = after;
            List<Shadow> page = ReadOnly.call(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("select resource_id, resource_type, source, ic_id, state"
                                + " from ic_shadow where resource_type = :type and ic_id > :after order by ic_id")
                        .setParameter("type", type.wireName()).setParameter("after", from).setMaxResults(PAGE)
                        .getResultList();
                return rows.stream().map(this::shadow).toList();
            });
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().icId();
        }
    }

    /** The shadows of these resources, by resource id (those that have none are left out). */
    public Map<String, Shadow> find(Collection<String> resourceIds) {
        List<String> all = List.copyOf(resourceIds);
        Map<String, Shadow> found = new HashMap<>();
        ReadOnly.run(() -> {
            for (int i = 0; i < all.size(); i += PAGE) {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("select resource_id, resource_type, source, ic_id, state"
                                + " from ic_shadow where resource_id in (:ids)")
                        .setParameter("ids", all.subList(i, Math.min(all.size(), i + PAGE))).getResultList();
                rows.stream().map(this::shadow).forEach(s -> found.put(s.resourceId(), s));
            }
        });
        return found;
    }

    /** Identity Center ids by resource id, of every shadow of one type (without the state: a few MiB for 100,000 users). */
    public Map<String, String> icIds(ResourceType type) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select resource_id, ic_id from ic_shadow"
                    + " where resource_type = :type").setParameter("type", type.wireName())
                    .getResultList();
            Map<String, String> ids = new HashMap<>();
            rows.forEach(row -> ids.put((String) row[0], (String) row[1]));
            return ids;
        });
    }

    /** The bridge resource already mapped to this Identity Center id, if any. */
    public Optional<String> resourceIdOf(ResourceType type, String icId) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("select resource_id from ic_shadow where resource_type = :type and ic_id = :ic")
                    .setParameter("type", type.wireName()).setParameter("ic", icId).getResultList();
            return rows.stream().findFirst();
        });
    }

    public Optional<String> icIdOf(String resourceId) {
        return find(resourceId).map(Shadow::icId);
    }

    /**
     * {@link #forwardedIcIdOf} for many resources in a few queries (a group's members: one query per
     * member was a tenth of the bridge's CPU while groups of 200 were delivered).
     */
    public Map<String, String> forwardedIcIdsOf(Collection<String> resourceIds) {
        List<String> all = List.copyOf(resourceIds);
        Map<String, String> found = new HashMap<>();
        ReadOnly.run(() -> {
            for (int i = 0; i < all.size(); i += 1000) {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("select resource_id, ic_id from ic_shadow"
                                + " where resource_id in (:ids) and forwarded = true")
                        .setParameter("ids", all.subList(i, Math.min(all.size(), i + 1000))).getResultList();
                rows.forEach(row -> found.put((String) row[0], (String) row[1]));
            }
        });
        return found;
    }

    /** The Identity Center id of a resource the rules forward (not of one kept only inactive). */
    public Optional<String> forwardedIcIdOf(String resourceId) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("select ic_id from ic_shadow where resource_id = :id and forwarded = true")
                    .setParameter("id", resourceId).getResultList();
            return rows.stream().findFirst();
        });
    }

    /** Records whether the rules forward this resource; returns whether that changed. */
    public boolean setForwarded(String resourceId, boolean forwarded) {
        // read first: it rarely changes, and a write that changes nothing still costs the writer and an fsync
        Object current = ReadOnly.call(() -> em.createNativeQuery("select forwarded from ic_shadow where resource_id = :id")
                .setParameter("id", resourceId).getResultList().stream().findFirst().orElse(null));
        // a boolean on PostgreSQL, 0 or 1 on SQLite
        if (current == null || (current instanceof Boolean b ? b : ((Number) current).intValue() != 0) == forwarded) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update ic_shadow set forwarded = :f where resource_id = :id and forwarded <> :f")
                .setParameter("f", forwarded).setParameter("id", resourceId).executeUpdate() == 1);
    }

    /**
     * Before a call that changes a resource's attributes (a PUT, a group rename): what Identity
     * Center holds is unknown until the answer is recorded. A crash in between leaves a state no
     * desired state equals, so the next diff sends it again, even if the IdP went back meanwhile
     * to what the shadow held before (which would otherwise look like "nothing to send").
     */
    public void stateInFlight(String resourceId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update ic_shadow set state = :state where resource_id = :id")
                .setParameter("state", "{\"inFlight\":true}").setParameter("id", resourceId).executeUpdate());
    }

    /** Records Identity Center's answer; a create in flight for this resource is settled by it. */
    public void save(Shadow shadow) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from ic_pending_create where resource_id = :id")
                    .setParameter("id", shadow.resourceId()).executeUpdate();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            String state = write(shadow.state());
            int updated = em.createNativeQuery("update ic_shadow set ic_id = :ic, state = :state, updated_at = :now"
                            + " where resource_id = :id")
                    .setParameter("ic", shadow.icId()).setParameter("state", state).setParameter("now", now)
                    .setParameter("id", shadow.resourceId()).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("insert into ic_shadow (resource_id, resource_type, source, ic_id, state, updated_at)"
                                + " values (:id, :type, :source, :ic, :state, :now)")
                        .setParameter("id", shadow.resourceId()).setParameter("type", shadow.type().wireName())
                        .setParameter("source", shadow.source()).setParameter("ic", shadow.icId())
                        .setParameter("state", state).setParameter("now", now).executeUpdate();
            }
        });
    }

    /** Forgets a resource deleted in Identity Center, with its memberships on both sides. */
    public void delete(String resourceId) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from ic_shadow_member where group_id = :id or member_id = :id")
                    .setParameter("id", resourceId).executeUpdate();
            em.createNativeQuery("delete from ic_shadow where resource_id = :id").setParameter("id", resourceId)
                    .executeUpdate();
            em.createNativeQuery("delete from ic_pending_create where resource_id = :id").setParameter("id", resourceId)
                    .executeUpdate();
        });
    }

    /**
     * Before a create is sent: Identity Center may hold a resource under {@code uniqueName}
     * (userName or displayName) from now on, even if the process dies before the answer is recorded.
     */
    public void createInFlight(String resourceId, ResourceType type, String uniqueName) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from ic_pending_create where resource_id = :id")
                    .setParameter("id", resourceId).executeUpdate();
            em.createNativeQuery("insert into ic_pending_create (resource_id, resource_type, unique_name, since_millis)"
                            + " values (:id, :type, :name, :now)")
                    .setParameter("id", resourceId).setParameter("type", type.wireName()).setParameter("name", uniqueName)
                    .setParameter("now", System.currentTimeMillis()).executeUpdate();
        });
    }

    /** The unique name of a create sent for this resource whose answer was never recorded. */
    public Optional<String> createInFlight(String resourceId) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("select unique_name from ic_pending_create where resource_id = :id")
                    .setParameter("id", resourceId).getResultList();
            return rows.stream().findFirst();
        });
    }

    /** A create in flight turned out to have reached nothing in Identity Center. */
    public void forgetCreateInFlight(String resourceId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from ic_pending_create where resource_id = :id").setParameter("id", resourceId).executeUpdate());
    }

    /** A group's members as far as the shadow knows: confirmed ones and those in flight. */
    public Set<String> members(String groupId) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("select member_id from ic_shadow_member where group_id = :g")
                    .setParameter("g", groupId).getResultList();
            return new HashSet<>(rows);
        });
    }

    /**
     * The Identity Center ids of the groups Identity Center may hold this member in (confirmed or
     * in flight), but {@code exceptGroupId}.
     */
    public Set<String> groupIcIdsOf(String memberId, String exceptGroupId) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("select s.ic_id from ic_shadow_member m join ic_shadow s"
                            + " on s.resource_id = m.group_id where m.member_id = :m and m.group_id <> :except")
                    .setParameter("m", memberId).setParameter("except", exceptGroupId).getResultList();
            return new HashSet<>(rows);
        });
    }

    /** Members whose presence Identity Center confirmed (not in flight). */
    public Set<String> confirmedMembers(String groupId) {
        return ReadOnly.call(() -> {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("select member_id from ic_shadow_member where group_id = :g"
                    + " and in_flight = false").setParameter("g", groupId).getResultList();
            return new HashSet<>(rows);
        });
    }

    /**
     * Before a member PATCH: Identity Center may hold these members from now on (being added), or
     * still holds them (being removed). Recorded as unknowns, so that a crash after the call leaves
     * the shadow with the union of what Identity Center may hold, and the next diff sends them again.
     */
    public void membersInFlight(String groupId, Collection<String> memberIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String member : memberIds) {
                int updated = em.createNativeQuery("update ic_shadow_member set in_flight = true"
                                + " where group_id = :g and member_id = :m")
                        .setParameter("g", groupId).setParameter("m", member).executeUpdate();
                if (updated == 0) {
                    em.createNativeQuery("insert into ic_shadow_member (group_id, member_id, in_flight) values (:g, :m, true)")
                            .setParameter("g", groupId).setParameter("m", member).executeUpdate();
                }
            }
        });
    }

    /** After Identity Center answered an add: these members are there. */
    public void confirmMembers(String groupId, Collection<String> memberIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String member : memberIds) {
                em.createNativeQuery("update ic_shadow_member set in_flight = false where group_id = :g and member_id = :m")
                        .setParameter("g", groupId).setParameter("m", member).executeUpdate();
            }
        });
    }

    public void addMembers(String groupId, Collection<String> memberIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String member : memberIds) {
                em.createNativeQuery("insert into ic_shadow_member (group_id, member_id) values (:g, :m)")
                        .setParameter("g", groupId).setParameter("m", member).executeUpdate();
            }
        });
    }

    public void removeMembers(String groupId, Collection<String> memberIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String member : memberIds) {
                em.createNativeQuery("delete from ic_shadow_member where group_id = :g and member_id = :m")
                        .setParameter("g", groupId).setParameter("m", member).executeUpdate();
            }
        });
    }

    /** Sets a group's shadow members to what Identity Center really holds. */
    public void replaceMembers(String groupId, Set<String> memberIds) {
        Set<String> current = members(groupId);
        removeMembers(groupId, current.stream().filter(m -> !memberIds.contains(m)).toList());
        addMembers(groupId, memberIds.stream().filter(m -> !current.contains(m)).toList());
    }

    private Shadow shadow(Object[] row) {
        try {
            return new Shadow((String) row[0], ResourceType.fromWireName((String) row[1]), (String) row[2],
                    (String) row[3], (ObjectNode) json.readTree(row[4].toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Shadow of " + row[0] + " is not JSON", e);
        }
    }

    private String write(ObjectNode state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
