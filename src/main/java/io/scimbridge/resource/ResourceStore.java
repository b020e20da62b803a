package io.scimbridge.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.store.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

/**
 * The source state: SCIM resources as the IdP sent them, their filter index and memberships.
 * Every method runs inside the caller's transaction; every write fires {@link ResourceChanged}
 * in that transaction so downstream delivery is marked dirty atomically with the change.
 */
@ApplicationScoped
class ResourceStore {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<ResourceChanged> changes;
    private final Instance<SourceStateGuard> guards;
    private final KnownNames names;

    public ResourceStore(EntityManager em, ObjectMapper json, Event<ResourceChanged> changes,
                         @Any Instance<SourceStateGuard> guards, KnownNames names) {
        this.em = em;
        this.json = json;
        this.changes = changes;
        this.guards = guards;
        this.names = names;
    }

    /**
     * A list, not a stream: a stream scrolls (a cursor Hibernate keeps open until the session ends),
     * which costs more than the one row it finds.
     */
    public Optional<ResourceEntity> find(ResourceType type, String source, String id) {
        return em.createQuery("from ResourceEntity r where r.id = :id and r.source = :source and r.resourceType = :type",
                        ResourceEntity.class)
                .setParameter("id", id).setParameter("source", source).setParameter("type", type.wireName())
                .getResultList().stream().findFirst();
    }

    /**
     * The same as {@link #find}, for rendering only (a GET): plain JDBC on a statement the
     * connection keeps, and an entity Hibernate does not manage, so nothing it changes is ever
     * written. Hibernate's query machinery cost more than the lookup itself.
     */
    public Optional<ResourceEntity> read(ResourceType type, String source, String id) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select pk, name_key, name_value, external_id,"
                    + " active, document, version, created, last_modified from scim_resource"
                    + " where id = ? and source = ? and resource_type = ?")) {
                ps.setString(1, id);
                ps.setString(2, source);
                ps.setString(3, type.wireName());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    ResourceEntity e = new ResourceEntity();
                    e.pk = rs.getLong(1);
                    e.id = id;
                    e.source = source;
                    e.resourceType = type.wireName();
                    e.nameKey = rs.getString(2);
                    e.nameValue = rs.getString(3);
                    e.externalId = rs.getString(4);
                    Object active = rs.getObject(5);
                    e.active = active == null ? null : NativeValues.bool(active);
                    e.document = rs.getString(6);
                    e.version = rs.getLong(7);
                    e.created = NativeValues.offsetDateTime(rs.getObject(8));
                    e.lastModified = NativeValues.offsetDateTime(rs.getObject(9));
                    return Optional.of(e);
                }
            }
        });
    }

    /** Any source's resource by id: for delivery, which works for every source. */
    public Optional<ResourceEntity> findById(ResourceType type, String id) {
        return em.createQuery("from ResourceEntity r where r.id = :id and r.resourceType = :type", ResourceEntity.class)
                .setParameter("id", id).setParameter("type", type.wireName()).getResultList().stream().findFirst();
    }

    /**
     * Up to {@code size} resources of one type, all sources, created after {@code afterPk}, in
     * creation order: read as values, not entities, so that a walk over every user leaves nothing
     * in the persistence context.
     */
    List<SourceResource> page(ResourceType type, long afterPk, int size) {
        return em.createQuery("select r.pk, r.id, r.nameValue, r.active, r.document from ResourceEntity r"
                        + " where r.resourceType = :type and r.pk > :after order by r.pk", Object[].class)
                .setParameter("type", type.wireName()).setParameter("after", afterPk).setMaxResults(size)
                .getResultList().stream()
                .map(row -> new SourceResource((Long) row[0], (String) row[1], type, (String) row[2],
                        !Boolean.FALSE.equals(row[3]), parse((String) row[1], (String) row[4])))
                .toList();
    }

    /** Ids of the users whose enterprise manager is this user (to re-deliver once it exists downstream). */
    List<SourceResources.Ref> reportsOf(String managerId) {
        // str_ci too, so that ix_attribute_ci (path, str_ci) finds the reports: on path alone it would
        // read every user's manager row, once per delivered user (quadratic in an initial sync)
        return em.createQuery("select r.pk, r.id, r.source from ResourceEntity r, AttributeRow a"
                        + " where a.resourcePk = r.pk and a.path = :path and a.strCi = :lower and a.strExact = :id",
                        Object[].class)
                .setParameter("path", io.scimbridge.scim.schema.ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT)
                        + ":manager.value")
                .setParameter("lower", managerId.toLowerCase(Locale.ROOT))
                .setParameter("id", managerId).getResultList().stream()
                .map(row -> new SourceResources.Ref((Long) row[0], (String) row[1], (String) row[2])).toList();
    }

    /** Ids of a group's members, for delivery. */
    public List<String> memberIds(long groupPk) {
        return em.createQuery("select r.id from MembershipRow m, ResourceEntity r where m.groupPk = :g"
                        + " and r.pk = m.memberPk", String.class).setParameter("g", groupPk).getResultList();
    }

    /** Whether another resource of this source already uses the name, in any letter case. */
    /**
     * Plain JDBC on a statement the connection keeps: every write asks, under the store's one
     * writer, and Hibernate's query machinery cost several times the lookup itself (JFR, POSTs).
     * Nothing to flush first: the only pending change a caller may have is to the resource it
     * excludes.
     */
    public boolean nameTaken(ResourceType type, String source, String name, Long exceptPk) {
        if (names.certainlyAbsent(source, type, nameKey(name))) {
            return false;
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select 1 from scim_resource where source = ?"
                    + " and resource_type = ? and name_key = ? and pk <> ? limit 1")) {
                ps.setString(1, source);
                ps.setString(2, type.wireName());
                ps.setString(3, nameKey(name));
                ps.setLong(4, exceptPk == null ? -1L : exceptPk);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public ResourceEntity insert(ResourceType type, String source, ObjectNode document) {
        guards.forEach(g -> g.check(type, document));
        ResourceEntity e = new ResourceEntity();
        e.id = UUID.randomUUID().toString();
        e.source = source;
        e.resourceType = type.wireName();
        e.version = 1;
        e.created = now();
        e.lastModified = e.created;
        fill(e, type, document);
        e.pk = em.unwrap(Session.class).doReturningWork(connection -> insertRow(connection, e));
        writeIndex(e, type, document);
        changes.fire(new ResourceChanged(type, e.pk, e.id, source, ResourceChanged.Kind.CREATED, false));
        return e;
    }

    /**
     * The new resource's row, by plain JDBC with {@code returning} (SQLite and PostgreSQL alike) on
     * a statement the connection keeps, instead of {@code persist}: Hibernate's identity insert and
     * its read of the generated key were 15% of the request threads' CPU in a POST run (JFR), all
     * of it under the store's one writer. The entity is left unmanaged: nothing else changes it in
     * the creating transaction, and it is only rendered afterwards.
     */
    private static long insertRow(Connection connection, ResourceEntity e) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into scim_resource (id, source, resource_type,"
                + " name_key, name_value, external_id, active, document, version, created, last_modified)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning pk")) {
            ps.setString(1, e.id);
            ps.setString(2, e.source);
            ps.setString(3, e.resourceType);
            ps.setString(4, e.nameKey);
            ps.setString(5, e.nameValue);
            ps.setString(6, e.externalId);
            if (e.active == null) {
                ps.setNull(7, Types.BOOLEAN);
            } else {
                ps.setBoolean(7, e.active);
            }
            ps.setString(8, e.document);
            ps.setLong(9, e.version);
            NativeValues.setTimestamp(ps, 10, e.created.toInstant());
            NativeValues.setTimestamp(ps, 11, e.lastModified.toInstant());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void update(ResourceEntity e, ObjectNode document) {
        ResourceType type = e.type();
        guards.forEach(g -> g.check(type, document));
        List<AttributeIndexer.IndexedValue> before = AttributeIndexer.index(type, document(e));
        boolean wasActive = !Boolean.FALSE.equals(e.active);
        fill(e, type, document);
        e.revokesAccess |= wasActive && Boolean.FALSE.equals(e.active);
        bumpVersion(e);
        em.flush();
        rewriteIndex(e, before, AttributeIndexer.index(type, document));
        changes.fire(new ResourceChanged(type, e.pk, e.id, e.source, ResourceChanged.Kind.UPDATED, e.revokesAccess));
    }

    /** A change that touched only memberships: new version, new lastModified, dirty mark. */
    public void touch(ResourceEntity e) {
        bumpVersion(e);
        changes.fire(new ResourceChanged(e.type(), e.pk, e.id, e.source, ResourceChanged.Kind.UPDATED, e.revokesAccess));
    }

    private static void bumpVersion(ResourceEntity e) {
        e.version++;
        e.lastModified = now();
    }

    public void delete(ResourceEntity e) {
        if (e.type() == ResourceType.USER) {
            // Its memberships go with it (cascade): its groups changed too, new version and all.
            em.createQuery("from ResourceEntity g where g.pk in (select m.groupPk from MembershipRow m where m.memberPk = :u)",
                    ResourceEntity.class).setParameter("u", e.pk).getResultList().forEach(group -> {
                        group.revokesAccess = true;
                        touch(group);
                    });
        }
        changes.fire(new ResourceChanged(e.type(), e.pk, e.id, e.source, ResourceChanged.Kind.DELETED, true));
        em.remove(e);
        em.flush();
    }

    public ObjectNode document(ResourceEntity e) {
        return parse(e.id, e.document);
    }

    private ObjectNode parse(String id, String document) {
        try {
            return (ObjectNode) json.readTree(document);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored document of " + id + " is not JSON", ex);
        }
    }

    /** One page of a listing and the total number of matches. */
    public record Page(long total, List<ResourceEntity> resources) {}

    /**
     * Lists resources of one source matching the filter, ordered by sortBy (then by creation, so
     * pages are stable), from the 1-based startIndex.
     */
    public Page list(ResourceType type, String source, Filter filter, SortOrder sort, int startIndex, int count) {
        FilterQuery.Condition condition = filter == null ? null : FilterQuery.translate(filter, type);
        if (condition != null && condition.nameKey() != null && names.certainlyAbsent(source, type, condition.nameKey())) {
            return new Page(0, List.of()); // the IdP's existence check for a name never stored
        }
        String where = " where r.source = :source and r.resourceType = :type"
                + (condition == null ? "" : " and " + condition.hql());
        if (count == 0) {
            return new Page(count(where, source, type, condition), List.of());
        }
        SortOrder.Clause order = sort == null ? SortOrder.Clause.NONE : sort.clause(type);
        TypedQuery<ResourceEntity> q = em.createQuery("select r from ResourceEntity r" + order.join() + where
                + " order by " + order.orderBy() + "r.pk", ResourceEntity.class);
        bind(q, source, type, condition);
        order.params().forEach(q::setParameter);
        // only rendered, never changed: Hibernate keeps no snapshot of them to dirty-check
        q.setFirstResult(startIndex - 1).setMaxResults(count).setHint(HibernateHints.HINT_READ_ONLY, true);
        List<ResourceEntity> page = q.getResultList();
        // A first page with room to spare holds every match, so it is the total: an IdP's
        // existence check (filter=userName eq "...") costs one query instead of two.
        if (startIndex == 1 && page.size() < count) {
            return new Page(page.size(), page);
        }
        return new Page(count(where, source, type, condition), page);
    }

    private long count(String where, String source, ResourceType type, FilterQuery.Condition condition) {
        TypedQuery<Long> countQuery = em.createQuery("select count(r) from ResourceEntity r" + where, Long.class);
        bind(countQuery, source, type, condition);
        return countQuery.getSingleResult();
    }

    private static void bind(TypedQuery<?> q, String source, ResourceType type, FilterQuery.Condition condition) {
        q.setParameter("source", source).setParameter("type", type.wireName());
        if (condition != null) {
            condition.params().forEach(q::setParameter);
        }
    }

    private void fill(ResourceEntity e, ResourceType type, ObjectNode document) {
        String name = document.path(type.nameAttribute()).asText();
        e.nameValue = name;
        e.nameKey = nameKey(name);
        names.mayExist(e.source, type, e.nameKey); // before the row is written: see KnownNames
        e.externalId = document.hasNonNull("externalId") ? document.get("externalId").asText() : null;
        e.active = type == ResourceType.USER && document.has("active") ? document.get("active").asBoolean() : null;
        ObjectNode stored = document.deepCopy();
        stored.remove(List.of("id", "meta", "schemas", "password", "members", "groups"));
        try {
            e.document = json.writeValueAsString(stored);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void writeIndex(ResourceEntity e, ResourceType type, ObjectNode document) {
        List<AttributeIndexer.IndexedValue> rows = AttributeIndexer.index(type, document);
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> insertRows(connection, e.pk, rows));
    }

    /**
     * Writes only the index rows that changed: a PATCH of a display name touches two rows, not the
     * twenty a user has. Every row rewritten costs index maintenance and page writes at commit.
     */
    private void rewriteIndex(ResourceEntity e, List<AttributeIndexer.IndexedValue> before,
                              List<AttributeIndexer.IndexedValue> after) {
        Map<RowKey, AttributeIndexer.IndexedValue> old = new HashMap<>();
        before.forEach(row -> old.put(RowKey.of(row), row));
        List<AttributeIndexer.IndexedValue> inserts = new ArrayList<>();
        List<AttributeIndexer.IndexedValue> updates = new ArrayList<>();
        for (AttributeIndexer.IndexedValue row : after) {
            AttributeIndexer.IndexedValue previous = old.remove(RowKey.of(row));
            if (previous == null) {
                inserts.add(row);
            } else if (!previous.equals(row)) {
                updates.add(row);
            }
        }
        if (old.isEmpty() && inserts.isEmpty() && updates.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            if (!old.isEmpty()) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "delete from scim_attribute where resource_pk = ? and path = ? and elem = ?")) {
                    for (RowKey key : old.keySet()) {
                        ps.setLong(1, e.pk);
                        ps.setString(2, key.path());
                        ps.setInt(3, key.elem());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!updates.isEmpty()) {
                try (PreparedStatement ps = connection.prepareStatement("update scim_attribute set str_exact = ?,"
                        + " str_ci = ?, num = ?, bool = ?, ts = ? where resource_pk = ? and path = ? and elem = ?")) {
                    for (AttributeIndexer.IndexedValue row : updates) {
                        bindValues(ps, 1, row);
                        ps.setLong(6, e.pk);
                        ps.setString(7, row.path());
                        ps.setInt(8, row.elem());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            insertRows(connection, e.pk, inserts);
        });
    }

    private record RowKey(String path, int elem) {
        static RowKey of(AttributeIndexer.IndexedValue row) {
            return new RowKey(row.path(), row.elem());
        }
    }

    private static void insertRows(Connection connection, long resourcePk, List<AttributeIndexer.IndexedValue> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into scim_attribute"
                + " (resource_pk, path, elem, str_exact, str_ci, num, bool, ts) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AttributeIndexer.IndexedValue row : rows) {
                ps.setLong(1, resourcePk);
                ps.setString(2, row.path());
                ps.setInt(3, row.elem());
                bindValues(ps, 4, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The five value columns, str_exact .. ts, from parameter {@code first} on. */
    private static void bindValues(PreparedStatement ps, int first, AttributeIndexer.IndexedValue row) throws SQLException {
        ps.setString(first, row.strExact());
        ps.setString(first + 1, row.strCi());
        ps.setBigDecimal(first + 2, row.num());
        if (row.bool() == null) {
            ps.setNull(first + 3, Types.BOOLEAN);
        } else {
            ps.setBoolean(first + 3, row.bool());
        }
        if (row.ts() == null) {
            ps.setNull(first + 4, Types.TIMESTAMP);
        } else {
            NativeValues.setTimestamp(ps, first + 4, row.ts().toInstant()); // as Hibernate binds the filter's operand
        }
    }

    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- memberships -------------------------------------------------------------------------

    /**
     * Hibernate's own query API, for lists bound to {@code in :ids}: JPA's setParameter takes the
     * list for a single value first and finds out by throwing (profiled: two exceptions per member
     * PATCH).
     */
    private Session session() {
        return em.unwrap(Session.class);
    }

    /** A resolved member reference: the surrogate key and what a group's members list shows. */
    public record MemberRef(long pk, String id, String display, String type) {}

    /**
     * Member ids to rows, by the unique id index alone; the caller keeps its own source's. With
     * "source = ? and id in (...)" SQLite's planner (a store has no statistics) walked the source's
     * whole list index instead: 50 ms per 100-member PATCH at 100,000 users, under the one writer.
     */
    static final String RESOLVE = "select pk, id, name_value, resource_type, source from scim_resource where id in (:ids)";

    /** Resolves ids of this source's resources (any type), in chunks; unknown ids are absent. */
    public Map<String, MemberRef> resolve(String source, java.util.Collection<String> ids) {
        Map<String, MemberRef> out = new java.util.HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += 1000) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(RESOLVE).setParameter("ids", chunk).getResultList();
            rows.stream().filter(row -> source.equals(row[4]))
                    .forEach(row -> out.put((String) row[1],
                            new MemberRef(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3])));
        }
        return out;
    }

    /** Adds members that are not members yet; returns how many were added. */
    public int addMembers(long groupPk, java.util.Collection<Long> memberPks) {
        List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(memberPks));
        java.util.Set<Long> existing = new java.util.HashSet<>();
        for (int i = 0; i < all.size(); i += 1000) {
            existing.addAll(session().createSelectionQuery("select m.memberPk from MembershipRow m where m.groupPk = :g"
                            + " and m.memberPk in :pks", Long.class)
                    .setParameter("g", groupPk).setParameterList("pks", all.subList(i, Math.min(all.size(), i + 1000)))
                    .getResultList());
        }
        List<Long> fresh = all.stream().filter(pk -> !existing.contains(pk)).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into scim_membership (group_pk, member_pk) values (?, ?)")) {
                for (Long pk : fresh) {
                    ps.setLong(1, groupPk);
                    ps.setLong(2, pk);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
        return fresh.size();
    }

    public int removeMembers(ResourceEntity group, java.util.Collection<Long> memberPks) {
        List<Long> all = List.copyOf(memberPks);
        int removed = 0;
        for (int i = 0; i < all.size(); i += 1000) {
            removed += session().createMutationQuery("delete from MembershipRow m where m.groupPk = :g and m.memberPk in :pks")
                    .setParameter("g", group.pk).setParameterList("pks", all.subList(i, Math.min(all.size(), i + 1000)))
                    .executeUpdate();
        }
        group.revokesAccess |= removed > 0;
        return removed;
    }

    public int removeAllMembers(ResourceEntity group) {
        int removed = em.createQuery("delete from MembershipRow m where m.groupPk = :g").setParameter("g", group.pk)
                .executeUpdate();
        group.revokesAccess |= removed > 0;
        return removed;
    }

    public List<Long> memberPks(long groupPk) {
        return em.createQuery("select m.memberPk from MembershipRow m where m.groupPk = :g", Long.class)
                .setParameter("g", groupPk).getResultList();
    }

    /**
     * The members of a group, for rendering, in the order they were created. A member's display
     * is the user's displayName when it has one (read from the filter index, so no member
     * document is parsed), else its userName.
     */
    public List<MemberRef> members(long groupPk) {
        return em.createQuery("select r.pk, r.id, coalesce(d.strExact, r.nameValue), r.resourceType"
                        + " from MembershipRow m join ResourceEntity r on r.pk = m.memberPk"
                        + " left join AttributeRow d on d.resourcePk = r.pk and d.path = 'displayname' and d.elem = 0"
                        + " where m.groupPk = :g order by r.pk", Object[].class)
                .setParameter("g", groupPk).getResultList().stream()
                .map(row -> new MemberRef((Long) row[0], (String) row[1], (String) row[2], (String) row[3]))
                .toList();
    }

    /** The source documents of the groups a user belongs to (rules with requireGroup read them). */
    public List<ObjectNode> groupDocumentsOf(long memberPk) {
        return em.createQuery("select r from ResourceEntity r where r.pk in"
                        + " (select m.groupPk from MembershipRow m where m.memberPk = :u)", ResourceEntity.class)
                .setParameter("u", memberPk).getResultList().stream().map(this::document).toList();
    }

    /** The groups a user belongs to, for the user's read-only groups attribute. */
    public List<MemberRef> groupsOf(long memberPk) {
        // plain JDBC on a kept statement: every GET of a user asks, and most users are in few groups
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select r.pk, r.id, r.name_value, r.resource_type"
                    + " from scim_membership m join scim_resource r on r.pk = m.group_pk where m.member_pk = ?"
                    + " order by r.pk")) {
                ps.setLong(1, memberPk);
                List<MemberRef> groups = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new MemberRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return groups;
            }
        });
    }
}
