package io.scimbridge.identitycenter;

import static io.scimbridge.testing.idp.Json.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.scimbridge.identitycenter.shadow.ShadowStore;
import io.scimbridge.identitycenter.shadow.ShadowStore.Shadow;
import io.scimbridge.resource.SourceResource;
import io.scimbridge.resource.StoreProbe;
import io.scimbridge.resource.SourceResources;
import io.scimbridge.scim.ResourceType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The preview, the people directory and reconciliation read every user: a page at a time, so that
 * a 100,000-user tenant (about 170 MiB of parsed shadows, 300 MiB of parsed users) never has them all
 * in a 128 MiB heap. More than two pages here, and the walk must see each one exactly once, even
 * while reconciliation changes and deletes what it has just read.
 */
@QuarkusTest
class WalkingEveryResourceTest {

    private static final int USERS = 1_234;

    @Inject
    StoreProbe probe;

    @Inject
    SourceResources resources;

    @Inject
    ShadowStore shadows;

    @Test
    void everyUserIsReadOnceInCreationOrderAPageAtATime() {
        List<String> seeded = probe.seedUsers("walk", USERS, i -> obj("userName", "walker" + i + "@example.com",
                "displayName", "Walker " + i, "active", true));

        List<Integer> pageSizes = new ArrayList<>();
        List<SourceResource> walked = new ArrayList<>();
        resources.forEachPage(ResourceType.USER, page -> {
            pageSizes.add(page.size());
            walked.addAll(page);
        });

        assertTrue(pageSizes.stream().allMatch(size -> size <= 500), "pages of at most 500: " + pageSizes);
        assertTrue(pageSizes.size() >= 3, "more than two pages: " + pageSizes);
        List<String> walkedSeeded = walked.stream().map(SourceResource::id).filter(Set.copyOf(seeded)::contains).toList();
        assertEquals(seeded, walkedSeeded, "each seeded user once, in creation order");
        for (int i = 1; i < walked.size(); i++) {
            assertTrue(walked.get(i - 1).pk() < walked.get(i).pk(), "creation order");
        }
        SourceResource first = walked.stream().filter(r -> r.id().equals(seeded.getFirst())).findFirst().orElseThrow();
        assertEquals("walker0@example.com", first.name());
        assertEquals("Walker 0", first.document().path("displayName").asText());
    }

    @Test
    void reconciliationsWalkSeesEveryShadowOnceWhileItRepairsAndDeletes() {
        Map<String, String> icIdByResource = new HashMap<>();
        for (int i = 0; i < USERS; i++) {
            String resourceId = UUID.randomUUID().toString();
            String icId = UUID.randomUUID().toString();
            shadows.save(new Shadow(resourceId, ResourceType.USER, "walk", icId,
                    JsonNodeFactory.instance.objectNode().put("userName", "shadow" + i + "@example.com")));
            icIdByResource.put(resourceId, icId);
        }
        assertTrue(shadows.icIds(ResourceType.USER).entrySet().containsAll(icIdByResource.entrySet()));

        Set<String> visited = new HashSet<>();
        List<String> twice = new ArrayList<>();
        shadows.forEach(ResourceType.USER, shadow -> {
            if (!icIdByResource.containsKey(shadow.resourceId())) {
                return;
            }
            if (!visited.add(shadow.resourceId())) {
                twice.add(shadow.resourceId());
            }
            // what reconciliation does to drifted and vanished users, under the walk's feet
            if (visited.size() % 3 == 0) {
                shadows.delete(shadow.resourceId());
            } else {
                shadows.save(new Shadow(shadow.resourceId(), shadow.type(), shadow.source(), shadow.icId(),
                        JsonNodeFactory.instance.objectNode().put("drifted", true)));
            }
        });

        assertEquals(icIdByResource.keySet(), visited);
        assertEquals(List.of(), twice);
        Map<String, String> left = shadows.icIds(ResourceType.USER);
        long kept = icIdByResource.keySet().stream().filter(left::containsKey).count();
        assertEquals(USERS - USERS / 3, kept);
        icIdByResource.keySet().forEach(shadows::delete);
    }
}
