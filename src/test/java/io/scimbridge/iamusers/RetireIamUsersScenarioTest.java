package io.scimbridge.iamusers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.scimbridge.auth.BearerAuthFilter;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.EmulatorCredentials;
import io.scimbridge.aws.emulator.IamAccount;
import io.scimbridge.aws.emulator.IamEmulator;
import io.scimbridge.aws.emulator.IamUserRecord;
import io.scimbridge.aws.emulator.OrganizationTree;
import io.scimbridge.guard.DeprovisionGuard;
import io.scimbridge.iamusers.IamUsersClock;
import io.scimbridge.rules.RulesHolder;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * The move to Identity Center is done, but the old IAM users are still there. Three accounts the
 * bridge can read and one whose role is missing:
 * <ul>
 *   <li>prod: {@code alice} (Alice moved to Identity Center; console password and a key last used
 *       45 days ago), {@code bob-admin} (Bob, a leaver, with a key used two days ago, an MFA
 *       device, a group, an attached and an inline policy), {@code ci-deploy} (a CI key used
 *       yesterday), {@code break-glass} (an administrator kept by the rules file);</li>
 *   <li>dev: {@code carol} (Carol was deleted in the IdP; password and key) and {@code dave} (a
 *       console user nobody in the IdP matches);</li>
 *   <li>legacy: the bridge's role was never deployed there.</li>
 * </ul>
 * Time moves with a controlled clock for the bridge and for AWS, together.
 */
@QuarkusTest
@ExtendWith(EmulatorCredentials.class)
@TestProfile(IamUsersProfile.class)
class RetireIamUsersScenarioTest extends ForwarderScenario {

    private static final String PROD = "111111111111";
    private static final String DEV = "222222222222";
    private static final String LEGACY = "333333333333";

    @Inject
    RulesHolder rulesHolder;

    private IamEmulator iam;
    private Duration offset = Duration.ZERO;

    @BeforeEach
    void anOrganisationStillFullOfIamUsers() {
        QuarkusMock.installMockForType(new IamUsersClock() {
            @Override
            public Instant instant() {
                return Instant.now().plus(offset);
            }
        }, IamUsersClock.class);
        iam = aws.iam();
        OrganizationTree tree = aws.organizations().tree();
        tree.seedAccount(PROD, "prod", tree.rootId());
        tree.seedAccount(DEV, "dev", tree.rootId());
        tree.seedAccount(LEGACY, "legacy", tree.rootId());
        iam.account(tree.managementAccountId()).role(IamUsersProfile.ROLE);
        Instant now = iam.accounts().now();
        IamAccount prod = iam.account(PROD).role(IamUsersProfile.ROLE);
        prod.user("alice", days(400)).tag("email", "alice@example.com").password(now.minus(days(60)))
                .accessKey("AKIAALICE0000000001", now.minus(days(45)));
        prod.user("bob-admin", days(300)).accessKey("AKIABOB000000000001", now.minus(days(2)))
                .mfaDevice("arn:aws:iam::111111111111:mfa/bob").group("admins")
                .attachedPolicy("arn:aws:iam::aws:policy/AdministratorAccess").inlinePolicy("bob-extra");
        prod.user("ci-deploy", days(200)).accessKey("AKIACI0000000000001", now.minus(days(1)));
        prod.user("break-glass", days(900)).password(null).attachedPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
        IamAccount dev = iam.account(DEV).role(IamUsersProfile.ROLE);
        dev.user("carol", days(100)).tag("email", "Carol@Example.com").password(now.minus(days(20))).accessKey("AKIACAROL000000001", now.minus(days(5)));
        dev.user("dave", days(50)).password(now.minus(days(3)));
        iam.account(LEGACY).user("old-timer", days(2000)).password(null);

        IdpConnection azure = IdpConnection.azure();
        azure.createUser(UserBody.azure("alice@example.com").workEmail());
        String bob = azure.createUser(UserBody.azure("bob@example.com").workEmail());
        String carol = azure.createUser(UserBody.azure("carol@example.com").workEmail());
        awaitIdentityCenterMirrorsBridge();
        azure.patchUser(bob, PatchBody.azure().replace("active", false));
        azure.deleteUser(carol);
        awaitIdentityCenterMirrorsBridge();
    }

    @Test
    void theReportPutsLeaversFirstAndNamesTheAccountWithoutTheRole() {
        JsonPath report = admin().get("/admin/iam-users?refresh=true").then().statusCode(200).extract().jsonPath();

        assertEquals(Map.of("person-left", 2, "person-migrated", 1, "person-not-migrated", 0, "unlinked-human", 1,
                "service", 1, "kept", 1), report.getMap("counts"));
        assertEquals(List.of("111111111111/bob-admin", "222222222222/carol"), refs(report).subList(0, 2),
                "person-left rows come first");
        assertEquals("bob@example.com", person(report, "bob-admin"), "linked by the iamUsers.match rule");
        assertEquals("alice@example.com", person(report, "alice"), "linked by the email tag");
        assertEquals(List.of(LEGACY), report.getList("unreachable.accountId"));
        assertTrue(report.getString("unreachable[0].reason").contains("AccessDenied"), report.getString("unreachable[0].reason"));
        assertTrue(report.getString("text").startsWith("IAM users read at "), report.getString("text"));

        String section = statusPageSection("iam-users");
        assertTrue(section.contains("<dd id=\"iam-users-left-usable\"><span class=\"badge down\">2</span>"), section);
        assertTrue(section.indexOf("111111111111/bob-admin") < section.indexOf("111111111111/alice"), "leavers first");
        assertTrue(section.contains("not read: 333333333333 (legacy)"), section);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("bridge_iam_users{class=\"person-left\",usable=\"true\"} 2.0"), "usable leavers are measured");
        assertTrue(metrics.contains("bridge_iam_users{class=\"kept\",usable=\"true\"} 1.0"));
    }

    @Test
    void thePlanDisablesLeaversAndUnusedMigratedPeopleAndNothingElse() {
        JsonPath plan = admin().get("/admin/iam-users/plan").then().statusCode(200).extract().jsonPath();

        assertEquals(Map.of("111111111111/bob-admin", "disable", "222222222222/carol", "disable",
                "111111111111/alice", "disable"), actions(plan));
        assertTrue(plan.getList("notes", String.class).stream().anyMatch(n -> n.startsWith("account 333333333333 (legacy) not read")));
        assertEquals(0, iam.iamLog().entries().stream().filter(r -> r.operation().startsWith("Update")
                || r.operation().startsWith("Delete")).count(), "planning changes nothing");
    }

    @Test
    void stageOneDisablesAndRestoreGivesTheKeysBack() {
        JsonPath applied = admin().post("/admin/iam-users/apply").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of("done", "done", "done"), applied.getList("outcomes.outcome"));
        assertEquals("Inactive", user(PROD, "alice").keyStatus("AKIAALICE0000000001").orElseThrow());
        assertFalse(user(PROD, "alice").hasLoginProfile(), "console password deleted");
        assertEquals("Inactive", user(PROD, "bob-admin").keyStatus("AKIABOB000000000001").orElseThrow());
        assertEquals("Inactive", user(DEV, "carol").keyStatus("AKIACAROL000000001").orElseThrow());
        assertEquals("Active", user(PROD, "ci-deploy").keyStatus("AKIACI0000000000001").orElseThrow(), "service untouched");
        assertTrue(user(PROD, "break-glass").hasLoginProfile(), "kept untouched");
        assertTrue(user(DEV, "dave").hasLoginProfile(), "unlinked human untouched unless named");
        List<String> audited = admin().get("/admin/audit?source=bridge&operation=disable").then().statusCode(200)
                .extract().jsonPath().getList("entries.name");
        assertTrue(audited.containsAll(List.of("111111111111/alice", "111111111111/bob-admin", "222222222222/carol")), audited.toString());

        JsonPath restored = admin().post("/admin/iam-users/restore?user=111111111111/alice").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("done", restored.getString("outcome"));
        assertTrue(restored.getString("detail").contains("cannot be restored"), "the password is not coming back");
        assertEquals("Active", user(PROD, "alice").keyStatus("AKIAALICE0000000001").orElseThrow());
        assertEquals(1, admin().get("/admin/audit?source=bridge&operation=restore").then().statusCode(200)
                .extract().jsonPath().getList("entries").size());
    }

    @Test
    void anIamUserOfAPersonTheRulesFileProtectsIsNeverRetired() throws Exception {
        Path rulesFile = ConfigProvider.getConfig().getValue("bridge.rules-file", Path.class);
        Files.writeString(rulesFile, IamUsersProfile.RULES + "protect:\n  users: [bob@example.com]\n");
        try {
            assertTrue(rulesHolder.reloadNow().current(), "rules refused: " + rulesHolder.status());

            JsonPath applied = admin().post("/admin/iam-users/apply").then().statusCode(200).extract().jsonPath();

            int bob = applied.getList("outcomes.user", String.class).indexOf("111111111111/bob-admin");
            assertEquals("refused", applied.getList("outcomes.outcome", String.class).get(bob));
            assertTrue(applied.getList("outcomes.detail", String.class).get(bob).contains("protects bob@example.com"));
            assertEquals("Active", user(PROD, "bob-admin").keyStatus("AKIABOB000000000001").orElseThrow());
            assertEquals("Inactive", user(PROD, "alice").keyStatus("AKIAALICE0000000001").orElseThrow(),
                    "the others are retired as planned");
        } finally {
            Files.writeString(rulesFile, IamUsersProfile.RULES);
            rulesHolder.reloadNow();
        }
    }

    @Test
    void nothingIsRetiredWhileTheDeprovisioningGuardIsTripped() {
        // the guard as it is after Azure AD unscoped half the company: its removals held since a minute ago
        QuarkusMock.installMockForType(new DeprovisionGuard(null, null, null, null, null) {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Status status() {
                return new Status(true, true, 60, 0, 20, 20, 100, Duration.ofHours(1),
                        Instant.now().minusSeconds(60), List.of());
            }
        }, DeprovisionGuard.class);

        JsonPath applied = admin().post("/admin/iam-users/apply").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of("refused", "refused", "refused"), applied.getList("outcomes.outcome"));
        assertTrue(applied.getList("outcomes.detail", String.class).stream().allMatch(d -> d.contains("guard is tripped")));
        assertEquals("Active", user(PROD, "alice").keyStatus("AKIAALICE0000000001").orElseThrow());
    }

    @Test
    void stageTwoDeletesEverythingOnlyAfterTheQuietPeriod() {
        admin().post("/admin/iam-users/apply").then().statusCode(200);
        advance(days(10));
        assertEquals(Map.of("111111111111/bob-admin", "wait", "222222222222/carol", "wait", "111111111111/alice", "wait"),
                actions(admin().get("/admin/iam-users/plan").then().statusCode(200).extract().jsonPath()));

        advance(days(21));
        JsonPath applied = admin().post("/admin/iam-users/apply").then().statusCode(200).extract().jsonPath();

        assertEquals(Map.of("111111111111/bob-admin", "delete", "222222222222/carol", "delete", "111111111111/alice", "delete"),
                actions(applied.setRootPath("plan")));
        assertTrue(iam.account(PROD).existingUser("bob-admin").isEmpty(), "MFA, group and policies removed, then the user");
        assertTrue(iam.account(PROD).existingUser("alice").isEmpty());
        assertTrue(iam.account(DEV).existingUser("carol").isEmpty());
        assertTrue(iam.account(PROD).existingUser("ci-deploy").isPresent());
        assertEquals(0, iam.iamLog().entries().stream().filter(r -> r.status() == 409).count(),
                "DeleteUser never found anything left attached");
    }

    @Test
    void aKeyUsedDuringTheQuietPeriodStopsStageTwo() {
        admin().post("/admin/iam-users/apply").then().statusCode(200);
        advance(days(10));
        // somebody turned Carol's key back on in the console, used it, and turned it off again
        IamUserRecord carol = user(DEV, "carol");
        carol.setKeyStatus("AKIACAROL000000001", "Active");
        assertTrue(carol.useKey("AKIACAROL000000001", iam.accounts().now()));
        carol.setKeyStatus("AKIACAROL000000001", "Inactive");
        advance(days(21));

        JsonPath applied = admin().post("/admin/iam-users/apply").then().statusCode(200).extract().jsonPath();

        Map<String, String> actions = actions(applied.setRootPath("plan"));
        assertEquals("wait", actions.get("222222222222/carol"));
        assertEquals("delete", actions.get("111111111111/alice"));
        assertTrue(iam.account(DEV).existingUser("carol").isPresent(), "Carol's IAM user stays");
        assertTrue(iam.account(PROD).existingUser("alice").isEmpty());
    }

    @Test
    void throttledIamAnswersAreRetriedAndTheInventoryStillCompletes() {
        iam.iamFaults().throttleNext(3, Duration.ZERO);
        JsonPath report = admin().get("/admin/iam-users?refresh=true").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(LEGACY), report.getList("unreachable.accountId"));
        assertEquals(6, report.getList("users").size());
        assertEquals(3, iam.iamLog().entries().stream().filter(r -> r.status() == 400).count(), "three Throttling answers");
    }

    /** One section of the operator's status page, as a signed-in admin sees it. */
    private static String statusPageSection(String id) {
        String page = given().cookie(BearerAuthFilter.SESSION_COOKIE, TestTokens.admin()).when().get("/admin/status")
                .then().statusCode(200).extract().asString();
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertTrue(start >= 0, "no section " + id);
        return page.substring(start, page.indexOf("</section>", start));
    }

    private void advance(Duration by) {
        offset = offset.plus(by);
        iam.accounts().advance(by);
    }

    private IamUserRecord user(String account, String name) {
        return iam.account(account).existingUser(name).orElseThrow(() -> new AssertionError("no IAM user " + account + "/" + name));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private static List<String> refs(JsonPath report) {
        List<String> accounts = report.getList("users.accountId");
        List<String> names = report.getList("users.userName");
        return java.util.stream.IntStream.range(0, names.size()).mapToObj(i -> accounts.get(i) + "/" + names.get(i)).toList();
    }

    private static String person(JsonPath report, String userName) {
        return report.getString("users.find { it.userName == '" + userName + "' }.person");
    }

    private static Map<String, String> actions(JsonPath plan) {
        List<String> users = plan.getList("steps.user");
        List<String> actions = plan.getList("steps.action");
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            out.put(users.get(i), actions.get(i));
        }
        return out;
    }
}
