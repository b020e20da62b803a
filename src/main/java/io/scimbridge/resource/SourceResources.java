package io.scimbridge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.store.ReadOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What other features read of the source state: records, never the entities. Every method runs
 * inside the caller's transaction ({@code ReadOnly.call} for background reads), with the queries
 * the store itself would run.
 */
@ApplicationScoped
public class SourceResources {

    static final int PAGE = 500;

    private final ResourceStore store;
    private final EntityManager em;

    SourceResources(ResourceStore store, EntityManager em) {
        this.store = store;
        this.em = em;
    }

    /** Any source's resource by id (delivery works for every source). */
    public Optional<SourceResource> find(ResourceType type, String id) {
        return store.findById(type, id).map(this::of);
    }

    /**
     * The resource a {@link ResourceChanged} names, read in the writing transaction (a deleted one
     * too: the event fires before it goes). Served from that transaction's entities, no query.
     */
    public Optional<SourceResource> changed(ResourceChanged change) {
        return Optional.ofNullable(em.find(ResourceEntity.class, change.pk())).map(this::of);
    }

    /**
     * Every resource of one type, all sources, in creation order (previews, the people directory),
     * {@value #PAGE} at a time, each page read in a read-only transaction of its own (or in the
     * caller's), the action run on each page between them. Never all at once: 100,000 users parsed are more
     * than the whole heap the bridge runs with (README "Performance", memory).
     */
    public void forEachPage(ResourceType type, Consumer<List<SourceResource>> action) {
        long after = 0;
        while (true) {
            long from = after;
            List<SourceResource> page = ReadOnly.call(() -> store.page(type, from, PAGE));
            if (!page.isEmpty()) {
                action.accept(page);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().pk();
        }
    }

    /** Which resource, from which source, without its document: for marking it dirty. */
    public record Ref(long pk, String id, String source) {}

    public Optional<Ref> ref(ResourceType type, String id) {
        return store.findById(type, id).map(e -> new Ref(e.pk, e.id, e.source));
    }

    /** The users whose enterprise manager is this user. */
    public List<Ref> reportsOf(String managerId) {
        return store.reportsOf(managerId);
    }

    /** Ids of the groups a user belongs to. */
    public List<String> groupIdsOf(long userPk) {
        return store.groupsOf(userPk).stream().map(ResourceStore.MemberRef::id).toList();
    }

    /** Ids of a group's members. */
    public List<String> memberIds(long groupPk) {
        return store.memberIds(groupPk);
    }

    /** The documents of the groups a user belongs to (rules with requireGroup read them). */
    public List<ObjectNode> groupDocumentsOf(long userPk) {
        return store.groupDocumentsOf(userPk);
    }

    private SourceResource of(ResourceEntity e) {
        return new SourceResource(e.pk, e.id, e.type(), e.nameValue, !Boolean.FALSE.equals(e.active),
                store.document(e));
    }
}
