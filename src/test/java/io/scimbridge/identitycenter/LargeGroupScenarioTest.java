package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * A 2,500-member group: Identity Center takes at most 100 member changes per request, so the
 * members must arrive in many PATCHes, none refused.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class LargeGroupScenarioTest extends ForwarderScenario {

    static final int MEMBERS = 2_500;

    @Test
    void twoThousandFiveHundredMembersArriveInChunksOfAtMostOneHundred() {
        IdpConnection azure = IdpConnection.azure();
        String everyone = azure.createGroup(GroupBody.azure("Everyone"));
        // Azure AD creates users and adds them in PATCHes of its own size, while the bridge is
        // still delivering the previous ones: the group waits for members not yet in Identity Center
        for (int batch = 0; batch < MEMBERS; batch += 250) {
            List<String> users = azure.createUsers(IntStream.range(batch, batch + 250)
                    .mapToObj(i -> UserBody.azure(String.format("member%04d@contoso.com", i)).name("Member", "N" + i).workEmail())
                    .toList());
            azure.patchGroup(everyone, PatchBody.azure().addMembers(users));
        }

        awaitIdentityCenterMirrorsBridge(Duration.ofSeconds(180));
        String groupIcId = identityCenter.groupByDisplayName("Everyone").orElseThrow().id();
        assertEquals(MEMBERS, identityCenter.members(groupIcId).size());
        List<RecordedRequest> patches = identityCenter.requestLog().entries("PatchGroup");
        assertTrue(patches.size() >= MEMBERS / 100, "at least 25 PATCHes: " + patches.size());
        assertEquals(List.of(), patches.stream().filter(p -> p.status() != 204).toList(),
                "no PATCH refused (the emulator refuses more than 100 member changes with 400)");
        // A CreateUser answered after the client's 2 s timeout (a loaded machine) is sent again
        // and adopted on its 409; the mirror check above proves nothing was duplicated. Any other
        // refusal is a bug.
        assertEquals(List.of(), refusedRequests().stream()
                .filter(r -> !(r.operation().equals("CreateUser") && r.status() == 409)).toList());
    }
}
