package io.scimbridge.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.BearerAuthFilter;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.EmulatorCredentials;
import io.scimbridge.aws.emulator.SsoAdminEmulator;
import io.scimbridge.revocation.DenyPolicy;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * Session revocation in mode permission-sets (organisations where the bridge may not manage SCPs): a leaver is
 * denied in the inline policy of every provisioned permission set, beside the operator's own
 * statements, and the sets are provisioned again so that the accounts' roles hold it.
 */
@QuarkusTest
@ExtendWith(EmulatorCredentials.class)
@TestProfile(PermissionSetRevocationProfile.class)
class PermissionSetRevocationScenarioTest extends ForwarderScenario {

    private static final String OPERATOR = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoBilling\","
            + "\"Effect\":\"Deny\",\"Action\":\"aws-portal:*\",\"Resource\":\"*\"}]}";
    private static final String WORKLOAD = "222222222222";

    private SsoAdminEmulator sso;
    private String admin;
    private String readOnly;

    @BeforeEach
    void permissionSetsProvisionedToAWorkloadAccount() {
        sso = aws.ssoAdmin();
        aws.organizations().tree().seedAccount(WORKLOAD, "workload", aws.organizations().rootId());
        String group = "0123456789-" + UUID.randomUUID();
        sso.seedPrincipal("GROUP", group);
        admin = sso.seedPermissionSet("AdministratorAccess", "PT4H");
        readOnly = sso.seedPermissionSet("ReadOnlyAccess");
        sso.seedAssignment(admin, WORKLOAD, "GROUP", group);
        sso.seedAssignment(readOnly, WORKLOAD, "GROUP", group);
        sso.seedInlinePolicy(readOnly, OPERATOR);
    }

    @Test
    void azureAdDisablesAUserAndEveryProvisionedSetDeniesItThenItComesBack() {
        IdpConnection azure = IdpConnection.azure();
        String id = azure.createUser(UserBody.azure("ada@example.com"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("ada@example.com").id();

        azure.patchUser(id, PatchBody.azure().deactivate());

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(Set.of(icId), deniedInTheAccount(admin));
            assertEquals(Set.of(icId), deniedInTheAccount(readOnly));
        });
        assertTrue(sso.inlinePolicy(readOnly).contains("\"Sid\":\"NoBilling\""), "the operator's statement is kept");
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/session-revocations").then().statusCode(200)
                .body("mode", equalTo("permission-sets"))
                .body("uncovered", equalTo(0))
                .body("revocations[0].icUserId", equalTo(icId))
                .body("revocations[0].policy", equalTo("permission-sets"))
                .body("permissionSets.arn", hasItem(admin));
        eventually(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(TestTokens.admin()).when()
                .get("/admin/audit?resourceId=" + id).then().statusCode(200).body("entries.operation", hasItem("deny")));

        azure.patchUser(id, PatchBody.azure().replace("active", "True"));

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(Set.of(), deniedInTheAccount(admin));
            assertEquals(Set.of(), deniedInTheAccount(readOnly));
        });
        assertEquals("", sso.inlinePolicy(admin), "the bridge's statement was all it held");
        assertEquals(OPERATOR, sso.inlinePolicy(readOnly), "the operator's policy as it was");
    }

    @Test
    void anInlinePolicyEditedByHandIsRepairedFromTheStore() {
        IdpConnection okta = IdpConnection.okta();
        String id = okta.createUser(UserBody.okta("grace@okta.example"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("grace@okta.example").id();
        okta.patchUser(id, PatchBody.okta().deactivate());
        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedInTheAccount(admin)));

        sso.seedInlinePolicy(admin, OPERATOR); // someone replaced the policy in the console

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(Set.of(icId), deniedInTheAccount(admin)));
        assertTrue(sso.inlinePolicy(admin).contains("\"Sid\":\"NoBilling\""));
    }

    @Test
    void theStatusPageShowsTheLeaverAndWhyItIsNotCoveredEverywhere() {
        sso.seedInlinePolicy(readOnly, operatorPolicyOfLength(10_200)); // no room left beside the operator's statements
        IdpConnection azure = IdpConnection.azure();
        String id = azure.createUser(UserBody.azure("lin@example.com"));
        awaitIdentityCenterMirrorsBridge();
        String icId = icUser("lin@example.com").id();

        azure.patchUser(id, PatchBody.azure().deactivate());

        eventually(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(Set.of(icId), deniedInTheAccount(admin));
            String section = statusPageSection("session-revocation");
            assertTrue(section.contains("id=\"revocation-mode\">permission-sets"), section);
            assertTrue(section.contains("id=\"revocation-listed\">1 leaver(s); 0 removal(s) from a group"), section);
            assertTrue(section.contains("id=\"revocation-uncovered\"><span class=\"badge down\">1</span>"), section);
            assertTrue(section.contains("1 user(s) fit in no inline policy of permission set " + readOnly), section);
            assertTrue(section.contains("<td class=\"mono\">" + icId + "</td><td>deactivated</td>"), section);
        });
        String section = statusPageSection("session-revocation");
        assertTrue(section.contains("Since") && section.contains("Until"), "the hold is shown: " + section);
    }

    /** A compact policy of the operator's, {@code length} characters long. */
    private static String operatorPolicyOfLength(int length) {
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Large\",\"Effect\":\"Deny\",\"Action\":\"ec2:";
        String tail = "*\",\"Resource\":\"*\"}]}";
        return head + "X".repeat(length - head.length() - tail.length()) + tail;
    }

    /** One section of the operator's status page, as a signed-in admin sees it. */
    private static String statusPageSection(String id) {
        String page = given().cookie(BearerAuthFilter.SESSION_COOKIE, TestTokens.admin()).when().get("/admin/status")
                .then().statusCode(200).body(containsString("<section id=\"" + id + "\"")).extract().asString();
        int start = page.indexOf("<section id=\"" + id + "\"");
        return page.substring(start, page.indexOf("</section>", start));
    }

    /** The ids the bridge's statement denies in the role the workload account holds for the set. */
    private Set<String> deniedInTheAccount(String permissionSet) {
        return DenyPolicy.ids(sso.provisionedInlinePolicies(permissionSet).getOrDefault(WORKLOAD, ""));
    }
}
