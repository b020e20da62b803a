package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
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
        List<String> users = new ArrayList<>();
        System.err.println("TIMING start " + java.time.Instant.now());
        // Azure AD provisions with several threads too
        users.addAll(IntStream.range(0, MEMBERS).parallel()
                .mapToObj(i -> azure.createUser(UserBody.azure(String.format("member%04d@contoso.com", i))
                        .name("Member", "N" + i).workEmail()))
                .toList());
        System.err.println("TIMING users created in bridge at " + java.time.Instant.now());
        String everyone = azure.createGroup(GroupBody.azure("Everyone"));
        // Azure AD adds members in PATCHes of its own size
        for (int i = 0; i < MEMBERS; i += 250) {
            azure.patchGroup(everyone, PatchBody.azure().addMembers(users.subList(i, i + 250)));
        }

        System.err.println("TIMING patches sent at " + java.time.Instant.now());
        awaitIdentityCenterMirrorsBridge(Duration.ofSeconds(180));
        System.err.println("TIMING mirrored at " + java.time.Instant.now());
        var log = identityCenter.requestLog().entries();
        System.err.println("TIMING IC first " + log.get(0).at() + " lastCreateUser " + identityCenter.requestLog().entries("CreateUser").getLast().at()
            + " firstPatch " + identityCenter.requestLog().entries("PatchGroup").get(0).at() + " last " + log.getLast().at() + " counts " + identityCenter.operationCounts());
        String groupIcId = identityCenter.groupByDisplayName("Everyone").orElseThrow().id();
        assertEquals(MEMBERS, identityCenter.members(groupIcId).size());
        List<RecordedRequest> patches = identityCenter.requestLog().entries("PatchGroup");
        assertTrue(patches.size() >= MEMBERS / 100, "at least 25 PATCHes: " + patches.size());
        assertEquals(List.of(), patches.stream().filter(p -> p.status() != 204).toList(),
                "no PATCH refused (the emulator refuses more than 100 member changes with 400)");
        assertEquals(List.of(), refusedRequests());
    }
}
