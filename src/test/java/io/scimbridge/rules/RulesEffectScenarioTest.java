package io.scimbridge.rules;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.identitycenter.emulator.StoredUser;
import io.scimbridge.scim.schema.ScimSchemas;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.GroupBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;

/**
 * The operator's rules file deciding what reaches Identity Center, checked on the emulator: who
 * is never sent, who is deactivated, deleted, re-activated or created again when the file changes
 * under the running bridge, how groups are filtered and renamed, how {@code requireGroup} follows
 * memberships, how attributes are shaped, that the preview announces exactly what delivery then
 * does, and that a broken file changes nothing.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(RulesEffectProfile.class)
class RulesEffectScenarioTest extends ForwarderScenario {

    static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER;
    static final Duration RELOAD = Duration.ofSeconds(15);

    static final String GUESTS_EXCLUDED = """
            users:
              exclude: 'userName co "#EXT#"'
            """;
    static final String CONTRACTORS_DEACTIVATED = """
            users:
              exclude: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Contractors"'
              whenExcluded: deactivate
            """;
    static final String CONTRACTORS_DELETED = """
            users:
              exclude: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Contractors"'
              whenExcluded: delete
            """;
    static final String AWS_GROUPS_RENAMED = """
            groups:
              include: 'displayName sw "aws-"'
              rename: { pattern: '^aws-(.*)$', to: 'AWS-$1' }
            """;
    static final String AWS_GROUPS_RENAMED_WITHOUT_READONLY = """
            groups:
              include: 'displayName sw "aws-"'
              exclude: 'displayName eq "aws-readonly"'
              rename: { pattern: '^aws-(.*)$', to: 'AWS-$1' }
            """;
    static final String MEMBERS_OF_AWS_GROUPS = """
            users:
              requireGroup: true
            groups:
              include: 'displayName sw "aws-"'
            """;
    static final String SHAPED = """
            users:
              attributes:
                userName: lowercase
                displayName: '${name.familyName}, ${name.givenName}'
                drop: [title, urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter]
            """;
    static final String BEFORE_REVIEW = """
            users:
              exclude: 'userName co "#EXT#"'
            groups:
              include: 'displayName sw "aws-"'
            """;
    static final String UNDER_REVIEW = """
            users:
              exclude: 'userName co "#EXT#" or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Contractors"'
              whenExcluded: deactivate
              attributes:
                drop: [title]
            groups:
              include: 'displayName sw "aws-" or displayName eq "finance"'
              exclude: 'displayName eq "aws-legacy"'
            """;
    /** Were it loaded, it would forward nobody: an include no user matches. */
    static final String BROKEN = """
            users:
              include: 'userName eq "nobody@contoso.com"'
              whenExcluded: delet
            groups:
              rename: { pattern: '^aws-(.*$', to: 'AWS-$1' }
            """;

    @Inject
    RulesHolder rulesHolder;

    @Inject
    RulesReloads reloads;

    IdpConnection azure;

    @BeforeEach
    void connect() {
        azure = IdpConnection.azure();
    }

    @Test
    void guestsNeverReachIdentityCenter() {
        rulesAre(GUESTS_EXCLUDED);
        String adele = azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail());
        String guest = azure.createUser(UserBody.azure("megan_fabrikam.com#EXT#@contoso.onmicrosoft.com")
                .name("Megan", "Bowen").email("work", "megan@fabrikam.com", true));
        String engineers = azure.createGroup(GroupBody.azure("Contoso Engineers"));
        azure.patchGroup(engineers, PatchBody.azure().addMembers(adele, guest));

        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", true),
                Map.of("Contoso Engineers", Set.of("adele.vance@contoso.com")));
        assertEquals(1, identityCenter.operationCount("CreateUser"), "the guest was never sent");

        JsonPath why = why(guest);
        assertEquals("users.exclude", why.getString("rule"));
        assertEquals("DEACTIVATE", why.getString("effect"));
        assertFalse(why.getBoolean("inIdentityCenter"));
        assertTrue(why.getList("reasons", String.class).getLast().contains("matched 'userName co \"#EXT#\"'"),
                why.getList("reasons").toString());
        JsonPath whyAdele = why(adele);
        assertEquals("FORWARD", whyAdele.getString("effect"));
        assertTrue(whyAdele.getBoolean("inIdentityCenter"));
        assertEquals(icUser("adele.vance@contoso.com").id(), whyAdele.getString("identityCenterId"));
        // the IdP still reads back what it sent: its guest and its group of two
        assertEquals("megan_fabrikam.com#EXT#@contoso.onmicrosoft.com", azure.getUser(guest).path("userName").asText());
        assertEquals(List.of(), refusedRequests());
    }

    @Test
    void aRuleChangeAtRuntimeMovesUsersOutOfIdentityCenterAndBackIn() {
        rulesAre("");
        String adele = azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail()
                .department("Retail"));
        String lee = azure.createUser(UserBody.azure("lee.gu@contoso.com").name("Lee", "Gu").workEmail()
                .department("Contractors"));
        String engineers = azure.createGroup(GroupBody.azure("Contoso Engineers"));
        azure.patchGroup(engineers, PatchBody.azure().addMembers(adele, lee));
        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", true, "lee.gu@contoso.com", true),
                Map.of("Contoso Engineers", Set.of("adele.vance@contoso.com", "lee.gu@contoso.com")));
        String leeIcId = icUser("lee.gu@contoso.com").id();

        // the operator excludes contractors: Lee is deactivated, kept with the same id, out of the group
        publishRules(CONTRACTORS_DEACTIVATED);
        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", true, "lee.gu@contoso.com", false),
                Map.of("Contoso Engineers", Set.of("adele.vance@contoso.com")));
        assertEquals(leeIcId, icUser("lee.gu@contoso.com").id(), "deactivated, not deleted");
        assertEquals(0, identityCenter.operationCount("DeleteUser"));

        // an attribute change under the same rule: Adele moves to the contractors and follows Lee out
        azure.patchUser(adele, PatchBody.azure().replace(ENTERPRISE + ":department", "Contractors"));
        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", false, "lee.gu@contoso.com", false),
                Map.of("Contoso Engineers", Set.of()));

        // the exclusion is removed: both are active again, same ids, back in the group
        publishRules("");
        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", true, "lee.gu@contoso.com", true),
                Map.of("Contoso Engineers", Set.of("adele.vance@contoso.com", "lee.gu@contoso.com")));
        assertEquals(leeIcId, icUser("lee.gu@contoso.com").id(), "re-activated, not re-created");
        assertEquals(2, identityCenter.operationCount("CreateUser"));

        // excluded again, now with whenExcluded: delete
        publishRules(CONTRACTORS_DELETED);
        awaitIdentityCenterHolds(Map.of(), Map.of("Contoso Engineers", Set.of()));
        assertFalse(identityCenter.user(leeIcId).isPresent());
        assertEquals(2, identityCenter.operationCount("DeleteUser"));

        // and included again: created anew
        publishRules("");
        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", true, "lee.gu@contoso.com", true),
                Map.of("Contoso Engineers", Set.of("adele.vance@contoso.com", "lee.gu@contoso.com")));
        assertNotEquals(leeIcId, icUser("lee.gu@contoso.com").id(), "re-created under a new id");
        assertEquals(4, identityCenter.operationCount("CreateUser"));
        assertEquals(List.of(), refusedRequests());
        // the IdP never noticed: its users are as it sent them, active
        assertTrue(azure.getUser(lee).path("active").asBoolean());
    }

    @Test
    void onlyAwsGroupsReachIdentityCenterRenamedAndAnExcludedOneIsDeleted() {
        rulesAre(AWS_GROUPS_RENAMED);
        String adele = azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail());
        String grady = azure.createUser(UserBody.azure("grady.archie@contoso.com").name("Grady", "Archie").workEmail());
        String admins = azure.createGroup(GroupBody.azure("aws-admins"));
        String readonly = azure.createGroup(GroupBody.azure("aws-readonly"));
        String finance = azure.createGroup(GroupBody.azure("Finance Team"));
        azure.patchGroup(admins, PatchBody.azure().addMembers(adele));
        azure.patchGroup(readonly, PatchBody.azure().addMembers(adele, grady));
        azure.patchGroup(finance, PatchBody.azure().addMembers(grady));

        Map<String, Boolean> bothActive = Map.of("adele.vance@contoso.com", true, "grady.archie@contoso.com", true);
        awaitIdentityCenterHolds(bothActive, Map.of(
                "AWS-admins", Set.of("adele.vance@contoso.com"),
                "AWS-readonly", Set.of("adele.vance@contoso.com", "grady.archie@contoso.com")));
        assertEquals(2, identityCenter.operationCount("CreateGroup"), "Finance Team was never sent");
        assertEquals("groups.include", why(finance).getString("rule"));
        assertTrue(why(admins).getList("shaping", String.class).contains("renamed 'aws-admins' to 'AWS-admins' (groups.rename, line 3)"),
                why(admins).getList("shaping").toString());
        String adminsIcId = identityCenter.groupByDisplayName("AWS-admins").orElseThrow().id();

        // the IdP renames a forwarded group: renamed in Identity Center, same group
        azure.patchGroup(admins, PatchBody.azure().replace("displayName", "aws-platform-admins"));
        awaitIdentityCenterHolds(bothActive, Map.of(
                "AWS-platform-admins", Set.of("adele.vance@contoso.com"),
                "AWS-readonly", Set.of("adele.vance@contoso.com", "grady.archie@contoso.com")));
        assertEquals(adminsIcId, identityCenter.groupByDisplayName("AWS-platform-admins").orElseThrow().id());

        // the operator excludes aws-readonly: deleted from Identity Center; its users stay
        publishRules(AWS_GROUPS_RENAMED_WITHOUT_READONLY);
        awaitIdentityCenterHolds(bothActive, Map.of("AWS-platform-admins", Set.of("adele.vance@contoso.com")));
        assertEquals(1, identityCenter.operationCount("DeleteGroup"));
        assertEquals("groups.exclude", why(readonly).getString("rule"));
        assertEquals(List.of(), refusedRequests());
    }

    @Test
    void withRequireGroupAUserIsForwardedOnlyWhileAForwardedGroupHoldsIt() {
        rulesAre(MEMBERS_OF_AWS_GROUPS);
        String alice = azure.createUser(UserBody.azure("alice.wood@contoso.com").name("Alice", "Wood").workEmail());
        String devs = azure.createGroup(GroupBody.azure("aws-devs"));
        String ops = azure.createGroup(GroupBody.azure("aws-ops"));
        String finance = azure.createGroup(GroupBody.azure("Finance Team"));
        azure.patchGroup(finance, PatchBody.azure().addMembers(alice));

        // in a group that is not forwarded: not in Identity Center
        awaitIdentityCenterHolds(Map.of(), Map.of("aws-devs", Set.of(), "aws-ops", Set.of()));
        assertEquals(0, identityCenter.operationCount("CreateUser"));
        JsonPath why = why(alice);
        assertEquals("users.requireGroup", why.getString("rule"));
        assertTrue(why.getList("reasons", String.class).getLast().contains("none of them forwarded"),
                why.getList("reasons").toString());

        // added to a forwarded group: created, and a member there
        azure.patchGroup(devs, PatchBody.azure().addMembers(alice));
        awaitIdentityCenterHolds(Map.of("alice.wood@contoso.com", true),
                Map.of("aws-devs", Set.of("alice.wood@contoso.com"), "aws-ops", Set.of()));
        String aliceIcId = icUser("alice.wood@contoso.com").id();

        // in two forwarded groups, then removed from one: still forwarded
        azure.patchGroup(ops, PatchBody.azure().addMembers(alice));
        awaitIdentityCenterHolds(Map.of("alice.wood@contoso.com", true),
                Map.of("aws-devs", Set.of("alice.wood@contoso.com"), "aws-ops", Set.of("alice.wood@contoso.com")));
        azure.patchGroup(devs, PatchBody.azure().removeMembers(alice));
        awaitIdentityCenterHolds(Map.of("alice.wood@contoso.com", true),
                Map.of("aws-devs", Set.of(), "aws-ops", Set.of("alice.wood@contoso.com")));

        // removed from the last forwarded one: deactivated (whenExcluded's default), not deleted
        azure.patchGroup(ops, PatchBody.azure().removeMembers(alice));
        awaitIdentityCenterHolds(Map.of("alice.wood@contoso.com", false), Map.of("aws-devs", Set.of(), "aws-ops", Set.of()));
        assertEquals(aliceIcId, icUser("alice.wood@contoso.com").id());

        // back in a forwarded group: re-activated; then the IdP deletes that group: deactivated again
        azure.patchGroup(ops, PatchBody.azure().addMembers(alice));
        awaitIdentityCenterHolds(Map.of("alice.wood@contoso.com", true),
                Map.of("aws-devs", Set.of(), "aws-ops", Set.of("alice.wood@contoso.com")));
        azure.deleteGroup(ops);
        awaitIdentityCenterHolds(Map.of("alice.wood@contoso.com", false), Map.of("aws-devs", Set.of()));
        assertEquals(1, identityCenter.operationCount("CreateUser"));
        assertEquals(0, identityCenter.operationCount("DeleteUser"));
        assertEquals(List.of(), refusedRequests());
    }

    @Test
    void attributesAreShapedBeforeTheyReachIdentityCenter() {
        rulesAre(SHAPED);
        ObjectNode megan = UserBody.azure("Megan.Bowen@Contoso.com").name("Megan", "Bowen").workEmail()
                .title("Marketing Manager").department("Marketing").json();
        ((ObjectNode) megan.get(ENTERPRISE)).put("costCenter", "CC-4711");
        String meganId = azure.createUser(UserBody.of(megan));
        azure.createUser(UserBody.azure("grady.archie@contoso.com").name("Grady", "Archie").displayName("Grady Archie")
                .title("Designer").workEmail());

        awaitIdentityCenterHolds(Map.of("megan.bowen@contoso.com", true, "grady.archie@contoso.com", true), Map.of());
        StoredUser icMegan = icUser("megan.bowen@contoso.com");
        assertEquals("megan.bowen@contoso.com", icMegan.userName(), "userName lower-cased");
        assertEquals("Bowen, Megan", icMegan.displayName(), "the template, since the IdP sent no displayName");
        assertFalse(icMegan.attributes().has("title"), "title dropped: " + icMegan.attributes());
        assertEquals("Marketing", icMegan.attributes().path(ENTERPRISE).path("department").asText());
        assertFalse(icMegan.attributes().path(ENTERPRISE).has("costCenter"), "costCenter dropped: " + icMegan.attributes());
        StoredUser icGrady = icUser("grady.archie@contoso.com");
        assertEquals("Grady Archie", icGrady.displayName(), "the IdP's displayName wins over the template");
        assertFalse(icGrady.attributes().has("title"));

        // the IdP reads back exactly what it sent
        ObjectNode asSent = azure.getUser(meganId);
        assertEquals("Megan.Bowen@Contoso.com", asSent.path("userName").asText());
        assertEquals("Marketing Manager", asSent.path("title").asText());
        assertEquals("CC-4711", asSent.path(ENTERPRISE).path("costCenter").asText());
        assertFalse(asSent.has("displayName"));
        List<String> shaping = why(meganId).getList("shaping", String.class);
        assertTrue(shaping.containsAll(List.of("dropped title", "dropped " + ENTERPRISE + ":costCenter",
                "displayName derived by users.attributes.displayName", "userName lowercased")), shaping.toString());
        assertEquals(List.of(), refusedRequests());
    }

    @Test
    void thePreviewListsExactlyWhatTheBridgeThenDoes() {
        rulesAre(BEFORE_REVIEW);
        String adele = azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail()
                .department("Retail"));
        String grady = azure.createUser(UserBody.azure("grady.archie@contoso.com").name("Grady", "Archie").workEmail()
                .title("Designer").department("Design"));
        String lee = azure.createUser(UserBody.azure("lee.gu@contoso.com").name("Lee", "Gu").workEmail()
                .department("Contractors"));
        azure.createUser(UserBody.azure("megan_fabrikam.com#EXT#@contoso.onmicrosoft.com").name("Megan", "Bowen")
                .email("work", "megan@fabrikam.com", true).department("Contractors"));
        String admins = azure.createGroup(GroupBody.azure("aws-admins"));
        String legacy = azure.createGroup(GroupBody.azure("aws-legacy"));
        String finance = azure.createGroup(GroupBody.azure("finance"));
        azure.patchGroup(admins, PatchBody.azure().addMembers(adele, lee));
        azure.patchGroup(legacy, PatchBody.azure().addMembers(grady));
        azure.patchGroup(finance, PatchBody.azure().addMembers(adele, grady));
        awaitIdentityCenterHolds(
                Map.of("adele.vance@contoso.com", true, "grady.archie@contoso.com", true, "lee.gu@contoso.com", true),
                Map.of("aws-admins", Set.of("adele.vance@contoso.com", "lee.gu@contoso.com"),
                        "aws-legacy", Set.of("grady.archie@contoso.com")));
        identityCenter.requestLog().clear();

        // the operator previews the file under review: nothing is sent
        JsonPath preview = preview(UNDER_REVIEW);
        assertEquals(Set.of(
                "deactivate User lee.gu@contoso.com (users.exclude)",
                "update User grady.archie@contoso.com (users.default)",
                "delete Group aws-legacy (groups.exclude)",
                "create Group finance (groups.include)"), changes(preview));
        assertEquals(Set.of("aws-admins +0 -1", "finance +2 -0"), memberships(preview));
        assertEquals(Map.of(), identityCenter.operationCounts(), "a preview sends nothing");
        assertEquals(0, bridge.queue().depth(), "a preview marks nothing");

        // then loads it: Identity Center sees those changes, and nothing else
        publishRules(UNDER_REVIEW);
        awaitIdentityCenterHolds(
                Map.of("adele.vance@contoso.com", true, "grady.archie@contoso.com", true, "lee.gu@contoso.com", false),
                Map.of("aws-admins", Set.of("adele.vance@contoso.com"),
                        "finance", Set.of("adele.vance@contoso.com", "grady.archie@contoso.com")));
        assertEquals(requestsAnnouncedBy(preview), identityCenter.operationCounts());
        assertEquals(List.of(), refusedRequests());
        assertFalse(icUser("grady.archie@contoso.com").attributes().has("title"));
        // and a preview of the rules now in force has nothing left to announce
        assertEquals(Set.of(), changes(preview(UNDER_REVIEW)));
        assertEquals(Set.of(), memberships(preview(UNDER_REVIEW)));
    }

    @Test
    void anInvalidFileKeepsTheLastGoodRulesAndChangesNothing() {
        rulesAre(GUESTS_EXCLUDED);
        azure.createUser(UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail());
        azure.createUser(UserBody.azure("grady.archie@contoso.com").name("Grady", "Archie").workEmail());
        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", true, "grady.archie@contoso.com", true), Map.of());
        identityCenter.requestLog().clear();
        Rules lastGood = rulesHolder.rules();

        RulesEffectProfile.write(BROKEN);
        eventually(RELOAD).until(() -> rulesHolder.status().rejection().isPresent());
        assertSame(lastGood, rulesHolder.rules());
        List<RulesError> errors = rulesHolder.status().rejection().map(RulesStatus.Rejection::errors).orElseThrow();
        assertEquals(List.of("3 users.whenExcluded", "5 groups.rename.pattern"),
                errors.stream().map(e -> e.line() + " " + e.key()).toList(), errors.toString());
        given().get("/q/health/group/rules").then().statusCode(503);

        // the bridge keeps forwarding by the last good rules: a new employee arrives, a new guest does not
        azure.createUser(UserBody.azure("ben.walters@contoso.com").name("Ben", "Walters").workEmail());
        azure.createUser(UserBody.azure("lynne_fabrikam.com#EXT#@contoso.onmicrosoft.com").name("Lynne", "Robbins")
                .email("work", "lynne@fabrikam.com", true));
        awaitIdentityCenterHolds(Map.of("adele.vance@contoso.com", true, "grady.archie@contoso.com", true,
                "ben.walters@contoso.com", true), Map.of());
        assertEquals(Map.of("CreateUser", 1L), identityCenter.operationCounts(), "only Ben was sent");
        assertSame(lastGood, rulesHolder.rules());
    }

    // ---------------------------------------------------------------- the rules file

    /** The rules a scenario starts from, in force (and acted upon) when this returns. */
    void rulesAre(String yaml) {
        RulesEffectProfile.write(yaml);
        RulesStatus status = rulesHolder.reloadNow();
        assertTrue(status.current(), "rules refused: " + status);
    }

    /** The operator changes the file under the running bridge; returns once it is loaded and acted upon. */
    void publishRules(String yaml) {
        int before = reloads.count();
        RulesEffectProfile.write(yaml);
        eventually(RELOAD).until(() -> reloads.count() > before);
        assertTrue(rulesHolder.status().current(), "rules refused: " + rulesHolder.status());
    }

    // ---------------------------------------------------------------- Identity Center

    /**
     * Identity Center holds exactly these users (lower-cased userName: active) and groups (name:
     * members), and nothing is left to deliver.
     */
    void awaitIdentityCenterHolds(Map<String, Boolean> users, Map<String, Set<String>> groups) {
        eventually().untilAsserted(() -> {
            assertEquals(new TreeMap<>(groups), groupsInIdentityCenter(), "groups and members in Identity Center");
            assertEquals(new TreeMap<>(users), identityCenter.users().stream().collect(Collectors.toMap(
                    u -> u.userName().toLowerCase(Locale.ROOT), StoredUser::active, (a, b) -> a, TreeMap::new)),
                    "users in Identity Center (userName: active)");
            assertEquals(0, bridge.queue().depth(), "dirty marks left");
        });
    }

    // ---------------------------------------------------------------- admin API

    static JsonPath why(String id) {
        return given().auth().oauth2(TestTokens.admin()).get("/admin/resources/" + id + "/why")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath preview(String yaml) {
        return given().auth().oauth2(TestTokens.admin()).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/admin/rules/preview").then().statusCode(200).extract().jsonPath();
    }

    /** "action type name (rule)" for each change of a preview. */
    static Set<String> changes(JsonPath preview) {
        List<Map<String, Object>> changes = preview.getList("changes");
        return changes.stream().map(c -> c.get("action") + " " + c.get("type") + " " + c.get("name") + " (" + c.get("rule") + ")")
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** "group +added -removed" for each membership change of a preview. */
    static Set<String> memberships(JsonPath preview) {
        List<Map<String, Object>> memberships = preview.getList("memberships");
        return memberships.stream().map(m -> m.get("group") + " +" + m.get("add") + " -" + m.get("remove"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The Identity Center calls a preview announces, as delivery makes them: a user is created,
     * replaced (update, deactivate, reactivate) or deleted; a group is created, patched or
     * deleted; member additions and removals are one PATCH each per 100 members.
     */
    static Map<String, Long> requestsAnnouncedBy(JsonPath preview) {
        Map<String, Long> calls = new TreeMap<>();
        List<Map<String, Object>> changes = preview.getList("changes");
        for (Map<String, Object> c : changes) {
            String noun = (String) c.get("type");
            String operation = switch ((String) c.get("action")) {
                case "create" -> "Create" + noun;
                case "delete" -> "Delete" + noun;
                default -> noun.equals("User") ? "PutUser" : "PatchGroup";
            };
            calls.merge(operation, 1L, Long::sum);
        }
        List<Map<String, Object>> memberships = preview.getList("memberships");
        for (Map<String, Object> m : memberships) {
            long patches = (((Integer) m.get("add")) + 99) / 100 + (((Integer) m.get("remove")) + 99) / 100;
            calls.merge("PatchGroup", patches, Long::sum);
        }
        return calls;
    }
}
