package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A 2,500-member group: Identity Center takes at most 100 member changes per request, so the
 * members must arrive in many PATCHes, none refused.
 */
@QuarkusTest
@TestProfile(EmulatedIdentityCenterProfile.class)
class LargeGroupScenarioTest extends ForwarderScenario {

    static final int MEMBERS = 2_500;

    @Test
    void twoThousandFiveHundredMembersArriveInChunksOfAtMostOneHundred() {
        IdpConnection azure = IdpConnection.azure();
        List<String> users = azure.createUsers(IntStream.range(0, MEMBERS)
                .mapToObj(i -> UserBody.azure(String.format("member%04d@contoso.com", i)).name("Member", "N" + i).workEmail())
                .toList());
        String everyone = azure.createGroup(GroupBody.azure("Everyone"));
        // Azure AD adds members in PATCHes of its own size
        for (int i = 0; i < MEMBERS; i += 250) {
            azure.patchGroup(everyone, PatchBody.azure().addMembers(users.subList(i, i + 250)));
        }

        awaitIdentityCenterMirrorsBridge(Duration.ofSeconds(180));
        String groupIcId = identityCenter.groupByDisplayName("Everyone").orElseThrow().id();
        assertEquals(MEMBERS, identityCenter.members(groupIcId).size());
        List<RecordedRequest> patches = identityCenter.requestLog().entries("PatchGroup");
        assertTrue(patches.size() >= MEMBERS / 100, "at least 25 PATCHes: " + patches.size());
        assertEquals(List.of(), patches.stream().filter(p -> p.status() != 204).toList(),
                "no PATCH refused (the emulator refuses more than 100 member changes with 400)");
        assertEquals(List.of(), refusedRequests());
    }
}
