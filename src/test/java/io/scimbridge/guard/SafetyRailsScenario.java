package io.scimbridge.guard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.auth.TestTokens;
import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.identitycenter.delivery.Delivery;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import io.scimbridge.rules.RulesHolder;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * What the safety rails' scenarios share ({@link GuardProfile}): Azure AD connected, the rules file
 * the test writes and reloads, delivery run by the test as the delivery loop runs it, and the
 * audit entries written since the test began.
 */
abstract class SafetyRailsScenario extends ForwarderScenario {

    @Inject
    OutboxQueue queue;

    @Inject
    Delivery delivery;

    @Inject
    DeprovisionGuard guard;

    @Inject
    RulesHolder rulesHolder;

    IdpConnection azure;
    Instant started;

    @BeforeEach
    void connect() {
        started = Instant.now();
        azure = IdpConnection.azure();
        useRules("");
    }

    /** The operator's rules file, loaded now. */
    void useRules(String yaml) {
        GuardProfile.write(yaml);
        assertTrue(rulesHolder.reloadNow().current(), "rules refused: " + rulesHolder.status());
    }

    /**
     * What the delivery loop does, one claim at a time, until nothing is due: a held delivery is
     * parked (as DeliveryLoop parks it), a waiting one comes back at once.
     */
    void deliverWhatIsDue() {
        for (int round = 0; round < 10_000; round++) {
            List<OutboxQueue.Claim> claims = queue.claim(10);
            if (claims.isEmpty()) {
                return;
            }
            for (OutboxQueue.Claim claim : claims) {
                switch (delivery.deliver(claim)) {
                    case DELIVERED -> queue.complete(claim);
                    case WAITING -> queue.postpone(claim, Duration.ZERO, "waiting");
                    case HELD -> queue.postpone(claim, DeprovisionGuard.PARK, "held");
                }
            }
        }
        throw new AssertionError("delivery never settled");
    }

    /** Audit entries of this operation written since the test began. */
    int auditEntries(String operation) {
        return given().auth().oauth2(TestTokens.admin()).queryParam("operation", operation)
                .queryParam("since", started.toString()).get("/admin/audit")
                .then().statusCode(200).extract().jsonPath().getList("entries").size();
    }
}
