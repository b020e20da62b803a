package io.scimbridge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Looks into the store behind the API, for what the API can't show: that a password never
 * reached a column, that a refused request left every row as it was, how many membership rows a
 * group has. Also seeds thousands of users in one transaction where POSTing them would only
 * measure HTTP.
 */
@ApplicationScoped
public class StoreProbe {

    private final EntityManager em;
    private final ResourceStore store;

    public StoreProbe(EntityManager em, ResourceStore store) {
        this.em = em;
        this.store = store;
    }

    /**
     * Everything a request could have changed: the row count of each table, and every row of the
     * given sources (id, version, name, externalId, active, the stored document, memberships).
     */
    public record Snapshot(long resources, long attributes, long memberships, List<List<Object>> rows,
                           List<List<Object>> membershipRows) {}

    @Transactional
    public Snapshot snapshot(String... sources) {
        List<String> of = List.of(sources);
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] r : em.createQuery("select r.id, r.source, r.resourceType, r.version, r.nameValue, r.externalId,"
                        + " r.active, r.document, r.lastModified from ResourceEntity r where r.source in :sources"
                        + " order by r.pk", Object[].class)
                .setParameter("sources", of).getResultList()) {
            rows.add(Arrays.stream(r).map(v -> (Object) String.valueOf(v)).toList());
        }
        List<List<Object>> members = new ArrayList<>();
        for (Object[] m : em.createQuery("select g.id, u.id from MembershipRow m, ResourceEntity g, ResourceEntity u"
                        + " where g.pk = m.groupPk and u.pk = m.memberPk and g.source in :sources"
                        + " order by g.pk, u.pk", Object[].class)
                .setParameter("sources", of).getResultList()) {
            members.add(List.of(m[0], m[1]));
        }
        return new Snapshot(count("scim_resource"), count("scim_attribute"), count("scim_membership"), rows, members);
    }

    private long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }

    /** The raw {@code scim_resource.document} column of a resource. */
    @Transactional
    public String storedDocument(String id) {
        return (String) em.createNativeQuery("select document from scim_resource where id = ?1")
                .setParameter(1, id).getSingleResult();
    }

    /** Every text value of the resource's filter index rows. */
    @Transactional
    public List<String> indexedStrings(String id) {
        List<?> values = em.createNativeQuery("select a.str_exact from scim_attribute a join scim_resource r"
                        + " on r.pk = a.resource_pk where r.id = ?1 and a.str_exact is not null")
                .setParameter(1, id).getResultList();
        return values.stream().map(String::valueOf).toList();
    }

    @Transactional
    public long membershipRows(String groupId) {
        return ((Number) em.createNativeQuery("select count(*) from scim_membership m join scim_resource g"
                        + " on g.pk = m.group_pk where g.id = ?1")
                .setParameter(1, groupId).getSingleResult()).longValue();
    }

    @Transactional
    public long resources(String source, ResourceType type) {
        return em.createQuery("select count(r) from ResourceEntity r where r.source = :s and r.resourceType = :t", Long.class)
                .setParameter("s", source).setParameter("t", type.wireName()).getSingleResult();
    }

    /** Creates users through the store in one transaction, as the API would store them; returns their ids. */
    @Transactional
    public List<String> seedUsers(String source, int count, IntFunction<ObjectNode> canonicalDocument) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ResourceEntity e = store.insert(ResourceType.USER, source, canonicalDocument.apply(i));
            ids.add(e.id);
            if (i % 500 == 499) {
                em.clear(); // keep the persistence context small; rows are already flushed
            }
        }
        return ids;
    }
}
