package io.scimbridge.testing.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.IdentityCenterDialect;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.resource.SourceResource;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.scim.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the bridge holds, read straight from its store, shadow and outbox, so that scenarios can
 * compare it with what the Identity Center emulator holds.
 */
@ApplicationScoped
public class BridgeInspector {

    private final SourceResources resources;
    private final ShadowStore shadows;
    private final OutboxQueue queue;
    private final IdentityCenterDialect dialect;

    public BridgeInspector(SourceResources resources, ShadowStore shadows, OutboxQueue queue,
                           IdentityCenterDialect dialect) {
        this.resources = resources;
        this.shadows = shadows;
        this.queue = queue;
        this.dialect = dialect;
    }

    /**
     * Each bridge user as Identity Center should hold it, by lower-cased userName:
     * {@code translate(source)} without {@code schemas}, the manager named by its Identity Center id
     * as found by {@code icIdOfUserName} (the emulator's truth, not the bridge's shadow).
     */
    @Transactional
    public Map<String, ObjectNode> expectedUsers(Function<String, Optional<String>> icIdOfUserName) {
        Map<String, String> userNames = new HashMap<>();
        List<SourceResource> users = all(ResourceType.USER);
        users.forEach(u -> userNames.put(u.id(), u.name()));
        Map<String, ObjectNode> out = new TreeMap<>();
        for (SourceResource user : users) {
            ObjectNode desired = dialect.user(user.document(),
                    managerId -> Optional.ofNullable(userNames.get(managerId)).flatMap(icIdOfUserName));
            desired.remove("schemas");
            out.put(user.name().toLowerCase(Locale.ROOT), desired);
        }
        return out;
    }

    /** Each bridge group's displayName with its members' lower-cased userNames. */
    @Transactional
    public Map<String, Set<String>> expectedGroups() {
        Map<String, String> userNames = all(ResourceType.USER).stream()
                .collect(Collectors.toMap(SourceResource::id, u -> u.name().toLowerCase(Locale.ROOT)));
        Map<String, Set<String>> out = new TreeMap<>();
        for (SourceResource group : all(ResourceType.GROUP)) {
            out.put(group.name(), resources.memberIds(group.pk()).stream().map(userNames::get)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return out;
    }

    private List<SourceResource> all(ResourceType type) {
        List<SourceResource> all = new ArrayList<>();
        resources.forEachPage(type, all::addAll);
        return all;
    }

    /** The Identity Center id the bridge has mapped to a resource. */
    public Optional<String> icIdOf(String resourceId) {
        return shadows.icIdOf(resourceId);
    }

    public OutboxQueue.Status queue() {
        return queue.status();
    }

    public List<OutboxQueue.Entry> deadLetters() {
        return queue.entries(true, 1000);
    }

    /** The dirty mark of one resource, if it still has one. */
    public Optional<OutboxQueue.Entry> mark(String resourceId) {
        return queue.entries(false, 100_000).stream().filter(e -> e.resourceId().equals(resourceId)).findFirst();
    }
}
