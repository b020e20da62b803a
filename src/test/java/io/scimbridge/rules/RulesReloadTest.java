package io.scimbridge.rules;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The rules file changes under a running bridge, published the way Kubernetes updates a
 * ConfigMap: the new rules are served without restart and announced; an invalid file leaves the
 * last good rules in force and says so in the rules health group, not in readiness.
 */
@QuarkusTest
@TestProfile(RulesFileProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesReloadTest {

    static final Duration RELOAD = Duration.ofSeconds(10);

    static final String WITH_BREAK_GLASS_EXCLUDED = """
            groups:
              include: 'displayName sw "aws-"'
              exclude: 'displayName eq "aws-break-glass"'
            """;
    static final String INVALID = """
            users:
              exlude: 'userName co "#EXT#"'
            groups:
              include: 'displayName sw aws-'
            """;
    static final String GUESTS_EXCLUDED = """
            users:
              exclude: 'userName co "#EXT#"'
            """;

    @Inject
    RulesHolder holder;

    @Inject
    RulesChangedRecorder recorder;

    @Test
    void rulesFollowTheFileAndABadFileKeepsTheLastGoodRules() throws Exception {
        // at startup: the file's rules
        assertEquals("displayName sw \"aws-\"", holder.rules().groups().include().orElseThrow().text());
        assertTrue(holder.status().fromFile());
        assertTrue(holder.status().current());
        int eventsBefore = recorder.events().size();

        // a ConfigMap update: served without restart, and announced with the old and new rules
        Rules initial = holder.rules();
        RulesFileProfile.publish(WITH_BREAK_GLASS_EXCLUDED);
        await().atMost(RELOAD).until(() -> holder.rules().groups().exclude().isPresent());
        await().atMost(RELOAD).until(() -> recorder.events().size() == eventsBefore + 1);
        RulesChanged changed = recorder.events().getLast();
        assertSame(initial, changed.old());
        assertSame(holder.rules(), changed.now());
        assertTrue(changed.forwardingChanged());

        // an invalid file: refused with its errors, the last good rules stay in force
        Rules lastGood = holder.rules();
        RulesFileProfile.publish(INVALID);
        await().atMost(RELOAD).until(() -> holder.status().rejection().isPresent());
        assertSame(lastGood, holder.rules());
        assertEquals(eventsBefore + 1, recorder.events().size(), "a refused file is not announced");
        RulesStatus.Rejection rejection = holder.status().rejection().orElseThrow();
        assertEquals(2, rejection.errors().size());
        assertEquals(new RulesError(2, "users.exlude",
                "unknown key (did you mean 'exclude'?); expected include, exclude, requireGroup, whenExcluded, attributes"),
                rejection.errors().get(0));
        assertEquals(4, rejection.errors().get(1).line());

        given().when().get("/q/health/group/rules").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].name", equalTo("rules"))
                .body("checks[0].data.errorCount", equalTo(2))
                .body("checks[0].data.'error.1'", containsString("users.exlude"))
                .body("checks[0].data.problem", containsString("stay in force"));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health").then().statusCode(200);

        // fixed: loaded, announced, healthy again
        RulesFileProfile.publish(GUESTS_EXCLUDED);
        await().atMost(RELOAD).until(() -> holder.rules().users().exclude().isPresent());
        assertTrue(holder.status().current());
        assertFalse(holder.rules().groups().include().isPresent());
        await().atMost(RELOAD).until(() -> recorder.events().size() == eventsBefore + 2);
        assertSame(lastGood, recorder.events().getLast().old());
        given().when().get("/q/health/group/rules").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // it leaves the file changed: after the tests that start from the profile's file
    void aReloadWhoseAssignmentsSectionIsBrokenIsRefusedWhole() throws Exception {
        RulesFileProfile.publish(GUESTS_EXCLUDED);
        await().atMost(RELOAD).until(() -> holder.rules().users().exclude().isPresent() && holder.status().current());
        Rules lastGood = holder.rules();

        RulesFileProfile.publish("""
                groups:
                  include: 'displayName sw "aws-"'
                assignments:
                  - name: admins
                    groups: [aws-admins]
                    permissionSets: [AdministratorAccess]
                    acounts: ['111111111111']
                """);

        await().atMost(RELOAD).until(() -> holder.status().rejection().isPresent());
        assertSame(lastGood, holder.rules(), "the groups change in the same file is not applied either");
        List<RulesError> errors = holder.status().rejection().orElseThrow().errors();
        assertTrue(errors.stream().anyMatch(e -> e.line() == 7 && e.key().startsWith("assignments[0]")), errors.toString());
    }

    @Test
    void aChangeOfCommentsOnlyIsAnnouncedAsNotChangingForwarding() throws Exception {
        Rules before = holder.rules();
        int eventsBefore = recorder.events().size();
        String current = java.nio.file.Files.readString(RulesFileProfile.RULES_FILE);

        RulesFileProfile.publish("# reviewed by the platform team\n" + current);

        await().atMost(RELOAD).until(() -> recorder.events().size() == eventsBefore + 1);
        RulesChanged changed = recorder.events().getLast();
        assertSame(before, changed.old());
        assertFalse(changed.forwardingChanged());
    }
}
