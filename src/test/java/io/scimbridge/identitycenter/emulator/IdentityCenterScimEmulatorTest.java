package io.scimbridge.identitycenter.emulator;

import static io.scimbridge.identitycenter.emulator.ScimTestClient.filter;
import static io.scimbridge.identitycenter.emulator.ScimTestClient.group;
import static io.scimbridge.identitycenter.emulator.ScimTestClient.members;
import static io.scimbridge.identitycenter.emulator.ScimTestClient.op;
import static io.scimbridge.identitycenter.emulator.ScimTestClient.patch;
import static io.scimbridge.identitycenter.emulator.ScimTestClient.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.identitycenter.emulator.ScimTestClient.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each documented Identity Center rule: the refusal, and the compliant form being accepted. Refusals
 * are checked on status, AWS's detail text and the emulator's reason header (so a test cannot pass
 * on an unrelated 400).
 */
class IdentityCenterScimEmulatorTest {

    private static final String UNPARSABLE = "Request is unparsable, syntactically incorrect, or violates schema.";
    private static final String SINGLE_ITEM = "Currently list attributes only allow single item";
    private static final String DUPLICATE = "Refused to create a new, duplicate resource.";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static IdentityCenterScimEmulator emulator;
    private static ScimTestClient scim;

    @BeforeAll
    static void startEmulator() {
        emulator = IdentityCenterScimEmulator.start();
        scim = new ScimTestClient(emulator);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    // ---- authentication

    @Test
    void wrongOrMissingTokenIs401_rightTokenIsServed() {
        assertRefused(scim.withToken(null).get("Users"), 401, "bearer token");
        assertRefused(scim.withToken("not-the-token").get("Users"), 401, "bearer token");
        assertEquals(200, scim.get("Users").status());
    }

    @Test
    void wrongTenantIs401EvenWithTheRightToken() {
        String otherTenant = emulator.url().replace(emulator.tenantId(), "some-other-tenant");
        assertRefused(scim.withBaseUrl(otherTenant).get("Users"), 401, "tenant");
        assertEquals(200, scim.get("Users").status());
    }

    // ---- users: required attributes and userName rules

    @Test
    void createUserRequiresUserNameDisplayNameGivenAndFamilyName() {
        for (String missing : List.of("userName", "displayName", "name.givenName", "name.familyName")) {
            ObjectNode user = user("required@example.com");
            if (missing.startsWith("name.")) {
                ((ObjectNode) user.get("name")).remove(missing.substring(5));
            } else {
                user.remove(missing);
            }
            assertRefused(scim.post("Users", user), 400, missing + " is required");
        }
        assertCreated(scim.post("Users", user("required@example.com")));
    }

    @Test
    void userNameIsAtMost128Characters() {
        assertRefused(scim.post("Users", user("u".repeat(129))), 400, "longer than 128");
        assertCreated(scim.post("Users", user("u".repeat(128))));
    }

    @Test
    void userNameIsUniqueCaseInsensitively() {
        assertCreated(scim.post("Users", user("Alice@Example.com")));
        Response duplicate = scim.post("Users", user("alice@example.com"));
        assertEquals(409, duplicate.status(), duplicate.toString());
        assertEquals(DUPLICATE, duplicate.detail());
        assertCreated(scim.post("Users", user("bob@example.com")));
    }

    @Test
    void reservedUserNamesAreRefused() {
        assertRefused(scim.post("Users", user("Administrator")), 400, "reserved");
        assertRefused(scim.post("Users", user("AWSAdministrators")), 400, "reserved");
        assertCreated(scim.post("Users", user("administrator.jane")));
    }

    @Test
    void userNameForbiddenCharactersAreRefused() {
        for (String c : List.of("<", ">", ";", ":", "%")) {
            assertRefused(scim.post("Users", user("bad" + c + "name")), 400, "forbidden character");
        }
        assertCreated(scim.post("Users", user("Zoë.O'Brien-Smith+tag@example.com")));
    }

    // ---- users: multi-valued attributes and unsupported attributes

    @Test
    void multiValuedAttributesTakeOneValueOnly() {
        Map<String, List<Map<String, Object>>> twoValues = Map.of(
                "emails", List.of(Map.of("value", "a@example.com", "primary", true), Map.of("value", "b@example.com")),
                "addresses", List.of(Map.of("locality", "Berlin"), Map.of("locality", "Paris")),
                "phoneNumbers", List.of(Map.of("value", "+1 555 0100"), Map.of("value", "+1 555 0101")),
                "roles", List.of(Map.of("value", "admin"), Map.of("value", "dev")));
        int n = 0;
        for (var attribute : twoValues.entrySet()) {
            ObjectNode refused = user("multi" + n + "@example.com");
            refused.set(attribute.getKey(), ScimTestClient.MAPPER.valueToTree(attribute.getValue()));
            Response response = scim.post("Users", refused);
            assertEquals(400, response.status(), response.toString());
            assertEquals(SINGLE_ITEM, response.detail());

            ObjectNode accepted = user("multi" + n++ + "@example.com");
            accepted.set(attribute.getKey(), ScimTestClient.MAPPER.valueToTree(attribute.getValue().subList(0, 1)));
            assertCreated(scim.post("Users", accepted));
        }
    }

    @Test
    void theOneEmailMustBePrimary() {
        ObjectNode notMarked = user("primary@example.com");
        ((ObjectNode) notMarked.get("emails").get(0)).remove("primary");
        assertRefused(scim.post("Users", notMarked), 400, "primary");
        ObjectNode markedFalse = user("primary@example.com");
        ((ObjectNode) markedFalse.get("emails").get(0)).put("primary", false);
        assertRefused(scim.post("Users", markedFalse), 400, "primary");
        assertCreated(scim.post("Users", user("primary@example.com")));
    }

    @Test
    void unsupportedAttributesAreRefused() {
        Map<String, Object> unsupported = Map.of(
                "password", "s3cret!",
                "ims", List.of(Map.of("value", "alice", "type", "skype")),
                "photos", List.of(Map.of("value", "https://example.com/a.png")),
                "x509Certificates", List.of(Map.of("value", "MIIB")),
                "entitlements", List.of(Map.of("value", "all")),
                "groups", List.of(Map.of("value", "some-group")),
                "favouriteColour", "blue");
        for (var attribute : unsupported.entrySet()) {
            ObjectNode refused = user("unsupported@example.com");
            refused.set(attribute.getKey(), ScimTestClient.MAPPER.valueToTree(attribute.getValue()));
            assertRefused(scim.post("Users", refused), 400, attribute.getKey());
        }
        ObjectNode withDisplay = user("unsupported@example.com");
        ((ObjectNode) withDisplay.get("emails").get(0)).put("display", "Work");
        assertRefused(scim.post("Users", withDisplay), 400, "display sub-attribute");
        assertCreated(scim.post("Users", user("unsupported@example.com")));
    }

    @Test
    void enterpriseExtensionManagerMustBeAUserOfThisStore() {
        String managerId = assertCreated(scim.post("Users", user("manager@example.com"))).id();
        ObjectNode unknownManager = user("report@example.com");
        unknownManager.putObject(ENTERPRISE).putObject("manager").put("value", "no-such-user");
        assertRefused(scim.post("Users", unknownManager), 400, "is not a user");

        ObjectNode managerDisplayName = user("report@example.com");
        managerDisplayName.putObject(ENTERPRISE).putObject("manager").put("value", managerId).put("displayName", "Boss");
        assertRefused(scim.post("Users", managerDisplayName), 400, "manager.displayName");

        ObjectNode unknownPart = user("report@example.com");
        unknownPart.putObject(ENTERPRISE).put("badge", "42");
        assertRefused(scim.post("Users", unknownPart), 400, "badge");

        ObjectNode report = user("report@example.com");
        report.putObject(ENTERPRISE).put("employeeNumber", "701").put("costCenter", "CC1").put("organization", "Org")
                .put("division", "Div").put("department", "Dept").putObject("manager").put("value", managerId);
        Response created = assertCreated(scim.post("Users", report));
        assertTrue(created.body().get("schemas").toString().contains(ENTERPRISE));
        assertEquals(managerId, created.body().path(ENTERPRISE).path("manager").path("value").asText());
        assertEquals(managerId, emulator.userByUserName("report@example.com").orElseThrow().managerId().orElseThrow());
    }

    // ---- users: get, put, delete

    @Test
    void putReplacesTheWholeUserAndValidatesLikeCreate() {
        ObjectNode original = user("put@example.com");
        original.put("title", "Engineer");
        String id = assertCreated(scim.post("Users", original)).id();

        ObjectNode noDisplayName = user("put@example.com");
        noDisplayName.remove("displayName");
        assertRefused(scim.put("Users/" + id, noDisplayName), 400, "displayName is required");

        ObjectNode replacement = user("put@example.com");
        replacement.put("displayName", "Replaced");
        Response replaced = scim.put("Users/" + id, replacement);
        assertEquals(200, replaced.status(), replaced.toString());
        assertEquals("Replaced", replaced.body().path("displayName").asText());
        assertFalse(replaced.body().has("title"), "PUT replaces: title is gone");
        assertEquals(404, scim.put("Users/no-such-id", replacement).status());
    }

    @Test
    void putRenamingOntoAnotherUsersNameIs409() {
        assertCreated(scim.post("Users", user("first@example.com")));
        String second = assertCreated(scim.post("Users", user("second@example.com"))).id();
        assertEquals(409, scim.put("Users/" + second, user("FIRST@example.com")).status());
        assertEquals(200, scim.put("Users/" + second, user("second.renamed@example.com")).status());
    }

    @Test
    void deleteUserRemovesItAndItsMemberships() {
        String id = assertCreated(scim.post("Users", user("gone@example.com"))).id();
        String groupId = assertCreated(scim.post("Groups", group("Leavers", id))).id();
        assertEquals(204, scim.delete("Users/" + id).status());
        assertEquals(404, scim.get("Users/" + id).status());
        assertEquals(404, scim.delete("Users/" + id).status());
        assertEquals(List.of(), emulator.members(groupId));
    }

    // ---- users: PATCH rules

    @Test
    void patchUserAcceptsAddReplaceRemoveOnly() {
        String id = createUser("patch@example.com");
        assertRefused(scim.patch("Users/" + id, patch(op("move", "displayName", "X"))), 400, "not supported");
        assertRefused(scim.patch("Users/" + id, patch(op(null, "displayName", "X"))), 400, "must be specified");
        assertEquals(200, scim.patch("Users/" + id, patch(op("Replace", "displayName", "X"))).status());
    }

    @Test
    void patchUserRemoveNeedsAPathAndAddReplaceNeedAValue() {
        String id = createUser("patch@example.com");
        assertRefused(scim.patch("Users/" + id, patch(op("remove", null, null))), 400, "path is required");
        assertRefused(scim.patch("Users/" + id, patch(op("add", "title", null))), 400, "value is required");
        assertRefused(scim.patch("Users/" + id, patch(op("replace", "title", null))), 400, "value is required");
        assertEquals(200, scim.patch("Users/" + id, patch(op("add", "title", "Lead"))).status());
        assertEquals(200, scim.patch("Users/" + id, patch(op("remove", "title", null))).status());
        assertFalse(emulator.user(id).orElseThrow().attributes().has("title"));
    }

    @Test
    void patchUserAllowsOneOperationOnUserNameAndOneOnActive() {
        String id = createUser("patch@example.com");
        assertRefused(scim.patch("Users/" + id, patch(op("replace", "userName", "a@example.com"),
                op("replace", "userName", "b@example.com"))), 400, "more than one operation on userName");
        assertRefused(scim.patch("Users/" + id, patch(op("replace", "active", false),
                op("replace", null, Map.of("active", true)))), 400, "more than one operation on active");
        Response ok = scim.patch("Users/" + id, patch(op("replace", "userName", "renamed@example.com"),
                op("replace", "active", false)));
        assertEquals(200, ok.status(), ok.toString());
        assertFalse(emulator.userByUserName("renamed@example.com").orElseThrow().active());
    }

    @Test
    void patchUserCannotRemoveUserNameOrActive() {
        String id = createUser("patch@example.com");
        assertRefused(scim.patch("Users/" + id, patch(op("remove", "userName", null))), 400, "remove is not allowed on userName");
        assertRefused(scim.patch("Users/" + id, patch(op("remove", "active", null))), 400, "remove is not allowed on active");
        assertEquals(200, scim.patch("Users/" + id, patch(op("replace", "active", "False"))).status());
        assertFalse(emulator.user(id).orElseThrow().active(), "Entra's \"False\" string is read as false");
    }

    @Test
    void patchUserModifiesOnlyTheDocumentedAttributes() {
        String id = createUser("patch@example.com");
        assertRefused(scim.patch("Users/" + id, patch(op("add", "roles", List.of(Map.of("value", "admin"))))), 400, "cannot be modified");
        assertRefused(scim.patch("Users/" + id, patch(op("replace", "password", "x"))), 400, "cannot be modified");
        assertRefused(scim.patch("Users/" + id, patch(op("replace", "emails[type eq \"work\"].display", "W"))), 400, "display");
        assertEquals(200, scim.patch("Users/" + id, patch(op("replace", "nickName", "Pat"))).status());
    }

    @Test
    void patchUserNeedsThePatchOpSchemaAndOperations() {
        String id = createUser("patch@example.com");
        ObjectNode noSchema = patch(op("replace", "title", "T"));
        noSchema.remove("schemas");
        assertRefused(scim.patch("Users/" + id, noSchema), 400, "PatchOp");
        assertRefused(scim.patch("Users/" + id, patch()), 400, "non-empty");
        assertEquals(200, scim.patch("Users/" + id, patch(op("replace", "title", "T"))).status());
    }

    @Test
    void patchUserResultIsValidatedAsAWhole() {
        String id = createUser("patch@example.com");
        Response secondEmail = scim.patch("Users/" + id, patch(op("add", "emails",
                List.of(Map.of("value", "second@example.com", "type", "home")))));
        assertEquals(400, secondEmail.status(), secondEmail.toString());
        assertEquals(SINGLE_ITEM, secondEmail.detail());
        assertRefused(scim.patch("Users/" + id, patch(op("remove", "name.familyName", null))), 400, "name.familyName is required");
        assertEquals("patch@example.com", emulator.user(id).orElseThrow().email().orElseThrow(), "refused patch changed nothing");
    }

    @Test
    void patchUserAppliesEntraStylePathsAndTheEnterpriseExtension() {
        String managerId = createUser("boss@example.com");
        String id = createUser("patch@example.com");
        Response patched = scim.patch("Users/" + id, patch(
                op("Replace", "displayName", "Pat Patch"),
                op("Replace", "name.givenName", "Pat"),
                op("Add", "emails[type eq \"work\"].value", "pat@example.com"),
                op("Add", ENTERPRISE + ":department", "R&D"),
                op("Add", ENTERPRISE + ":manager", managerId),
                op("Add", "addresses[type eq \"work\"].locality", "Dublin")));
        assertEquals(200, patched.status(), patched.toString());
        StoredUser user = emulator.user(id).orElseThrow();
        assertEquals("Pat Patch", user.displayName());
        assertEquals("Pat", user.givenName());
        assertEquals("pat@example.com", user.email().orElseThrow());
        assertEquals(managerId, user.managerId().orElseThrow());
        assertEquals("R&D", user.attributes().path(ENTERPRISE).path("department").asText());
        assertEquals("Dublin", user.attributes().path("addresses").path(0).path("locality").asText());

        ObjectNode unknownManager = patch(op("replace", ENTERPRISE + ":manager", Map.of("value", "nobody")));
        assertRefused(scim.patch("Users/" + id, unknownManager), 400, "is not a user");
    }

    @Test
    void patchUserRenameOntoATakenUserNameIs409() {
        createUser("taken@example.com");
        String id = createUser("patch@example.com");
        assertEquals(409, scim.patch("Users/" + id, patch(op("replace", "userName", "TAKEN@example.com"))).status());
        assertEquals(404, scim.patch("Users/no-such-id", patch(op("replace", "title", "T"))).status());
    }

    // ---- groups

    @Test
    void createGroupRequiresAUniqueDisplayName() {
        ObjectNode noName = group("x");
        noName.remove("displayName");
        assertRefused(scim.post("Groups", noName), 400, "displayName is required");
        assertRefused(scim.post("Groups", group(" ")), 400, "displayName is required");
        Response created = assertCreated(scim.post("Groups", group("Engineers")));
        assertEquals(0, created.body().get("members").size());
        Response duplicate = scim.post("Groups", group("engineers"));
        assertEquals(409, duplicate.status(), duplicate.toString());
        assertEquals(DUPLICATE, duplicate.detail());
    }

    @Test
    void createGroupTakesAtMost100Members() {
        String[] ids = seedUsers(101);
        assertRefused(scim.post("Groups", group("Too many", ids)), 400, "more than 100 members");
        String groupId = assertCreated(scim.post("Groups", group("Just enough", java.util.Arrays.copyOf(ids, 100)))).id();
        assertEquals(100, emulator.members(groupId).size());
    }

    @Test
    void patchGroupTakesAtMost100MembershipChanges() {
        String[] ids = seedUsers(101);
        String groupId = createGroup("Big");
        assertRefused(scim.patch("Groups/" + groupId, patch(op("add", "members", members(ids)))), 400, "more than 100 membership changes");
        assertEquals(0, emulator.members(groupId).size(), "refused patch changed nothing");
        assertEquals(204, scim.patch("Groups/" + groupId,
                patch(op("add", "members", members(java.util.Arrays.copyOf(ids, 100))))).status());
        assertEquals(100, emulator.members(groupId).size());
    }

    @Test
    void patchGroupCannotReplaceOrRemoveAllMembers() {
        String alice = createUser("alice@example.com");
        String bob = createUser("bob@example.com");
        String groupId = createGroup("Team");
        assertEquals(204, scim.patch("Groups/" + groupId, patch(op("add", "members", members(alice, bob)))).status());

        assertRefused(scim.patch("Groups/" + groupId, patch(op("replace", "members", members(alice)))), 400, "replacing all members");
        assertRefused(scim.patch("Groups/" + groupId, patch(op("replace", null, Map.of("members", members(alice))))), 400, "replacing all members");
        assertRefused(scim.patch("Groups/" + groupId, patch(op("remove", "members", null))), 400, "removing all members");
        assertRefused(scim.patch("Groups/" + groupId, patch(op("remove", "members", List.of()))), 400, "removing all members");
        assertEquals(List.of(alice, bob), emulator.members(groupId));

        assertEquals(204, scim.patch("Groups/" + groupId, patch(op("remove", "members", members(alice)))).status());
        assertEquals(204, scim.patch("Groups/" + groupId, patch(op("remove", "members[value eq \"" + bob + "\"]", null))).status());
        assertEquals(List.of(), emulator.members(groupId));
    }

    @Test
    void patchGroupChangesOnlyDisplayNameMembersAndExternalId() {
        String groupId = createGroup("Old name");
        assertRefused(scim.patch("Groups/" + groupId, patch(op("replace", "description", "x"))), 400, "only displayName, members and externalId");
        assertRefused(scim.patch("Groups/" + groupId, patch(op("replace", null, Map.of("id", "x", "displayName", "y")))), 400, "only displayName, members and externalId");
        assertRefused(scim.patch("Groups/" + groupId, patch(op("remove", "displayName", null))), 400, "cannot be removed");
        assertEquals(204, scim.patch("Groups/" + groupId, patch(op("replace", null, Map.of("displayName", "New name")),
                op("add", "externalId", "ext-1"))).status());
        StoredGroup group = emulator.group(groupId).orElseThrow();
        assertEquals("New name", group.displayName());
        assertEquals("ext-1", group.externalId());
    }

    @Test
    void patchGroupRenameOntoATakenNameIs409() {
        createGroup("Taken");
        String groupId = createGroup("Free");
        assertEquals(409, scim.patch("Groups/" + groupId, patch(op("replace", "displayName", "taken"))).status());
        assertEquals(404, scim.patch("Groups/no-such-id", patch(op("replace", "displayName", "x"))).status());
    }

    @Test
    void membersMustBeUsersOfThisStore_noNestedGroups() {
        String inner = createGroup("Inner");
        String outer = createGroup("Outer");
        assertRefused(scim.patch("Groups/" + outer, patch(op("add", "members", members(inner)))), 400, "nested groups");
        assertRefused(scim.patch("Groups/" + outer, patch(op("add", "members", members("no-such-user")))), 400, "not a user");
        assertRefused(scim.post("Groups", group("Nested", inner)), 400, "nested groups");
        String user = createUser("member@example.com");
        assertEquals(204, scim.patch("Groups/" + outer, patch(op("add", "members", members(user)))).status());
        assertEquals(List.of(user), emulator.members(outer));
    }

    @Test
    void groupsAreAnsweredWithAnEmptyMemberList_membershipIsQueriedByFilter() {
        String member = createUser("member@example.com");
        String outsider = createUser("outsider@example.com");
        String groupId = assertCreated(scim.post("Groups", group("Readers", member))).id();

        assertEquals(0, scim.get("Groups/" + groupId).body().get("members").size());
        assertEquals(0, scim.get("Groups").body().get("Resources").get(0).get("members").size());

        String isMember = "id eq \"" + groupId + "\" and members eq \"" + member + "\"";
        assertEquals(1, scim.get("Groups?" + filter(isMember)).body().get("Resources").size());
        String notMember = "id eq \"" + groupId + "\" and members eq \"" + outsider + "\"";
        assertEquals(0, scim.get("Groups?" + filter(notMember)).body().get("Resources").size());
        String unknownUser = "id eq \"" + groupId + "\" and members eq \"no-such-user\"";
        assertEquals(404, scim.get("Groups?" + filter(unknownUser)).status(), "AWS: 404 for a nonexisting member");
        assertEquals(1, scim.get("Groups?" + filter("members.value eq \"" + member + "\"")).body().get("Resources").size());
    }

    @Test
    void putGroupIsNotAnAwsOperation() {
        String groupId = createGroup("No put");
        assertRefused(scim.put("Groups/" + groupId, group("No put")), 400, "not supported");
        assertEquals(204, scim.delete("Groups/" + groupId).status());
        assertEquals(404, scim.get("Groups/" + groupId).status());
    }

    // ---- filtering, paging, unsupported endpoints

    @Test
    void filtersAreOnlyEqJoinedByAnd() {
        createUser("alice@example.com");
        for (String refused : List.of("userName co \"ali\"", "userName sw \"ali\"", "userName pr",
                "userName eq \"alice@example.com\" or userName eq \"bob@example.com\"",
                "not (userName eq \"alice@example.com\")", "userName gt \"a\"", "userName eq alice",
                "displayName eq \"Display alice@example.com\"", "manager eq \"x\"")) {
            assertRefused(scim.get("Users?" + filter(refused)), 400, "");
        }
        JsonNode found = scim.get("Users?" + filter("userName eq \"ALICE@example.com\"")).body();
        assertEquals(1, found.get("totalResults").asInt());
        assertEquals("alice@example.com", found.get("Resources").get(0).get("userName").asText());
    }

    @Test
    void userFiltersOnUserNameExternalIdIdGroupsAndManager() {
        String managerId = createUser("boss@example.com");
        ObjectNode report = user("report@example.com");
        report.put("externalId", "ext-42");
        report.putObject(ENTERPRISE).putObject("manager").put("value", managerId);
        String reportId = assertCreated(scim.post("Users", report)).id();
        String groupId = assertCreated(scim.post("Groups", group("Reports", reportId))).id();

        assertEquals(List.of(reportId), ids(scim.get("Users?" + filter("externalId eq \"ext-42\""))));
        assertEquals(List.of(reportId), ids(scim.get("Users?" + filter("id eq \"" + reportId + "\""))));
        assertEquals(List.of(reportId), ids(scim.get("Users?" + filter("groups.value eq \"" + groupId + "\""))));
        assertEquals(List.of(reportId), ids(scim.get("Users?" + filter(
                "id eq \"" + reportId + "\" and manager eq \"" + managerId + "\""))));
        assertEquals(List.of(), ids(scim.get("Users?" + filter(
                "id eq \"" + managerId + "\" and manager eq \"" + managerId + "\""))));
    }

    @Test
    void groupFiltersOnDisplayNameAndExternalId() {
        ObjectNode withExternalId = group("Ops");
        withExternalId.put("externalId", "g-ext");
        String groupId = assertCreated(scim.post("Groups", withExternalId)).id();
        assertEquals(List.of(groupId), ids(scim.get("Groups?" + filter("displayName eq \"ops\""))));
        assertEquals(List.of(groupId), ids(scim.get("Groups?" + filter("externalId eq \"g-ext\""))));
        assertRefused(scim.get("Groups?" + filter("displayName co \"O\"")), 400, "not supported");
    }

    @Test
    void sortingSearchBulkAndMeAreRefused() {
        assertRefused(scim.get("Users?sortBy=userName"), 400, "sorting");
        assertRefused(scim.post("Users/.search", ScimTestClient.MAPPER.createObjectNode()), 400, ".search");
        assertRefused(scim.post("Bulk", ScimTestClient.MAPPER.createObjectNode()), 400, "/Bulk");
        assertRefused(scim.get("Me"), 400, "/Me");
        assertEquals(200, scim.get("ServiceProviderConfig").status());
    }

    @Test
    void countIs1To100_startIndexIsIgnored_cursorPagesThroughEverything() {
        seedUsers(5);
        assertRefused(scim.get("Users?count=0"), 400, "count");
        assertRefused(scim.get("Users?count=101"), 400, "count");

        JsonNode classic = scim.get("Users?count=2&startIndex=3").body();
        assertEquals(5, classic.get("totalResults").asInt());
        assertEquals(2, classic.get("itemsPerPage").asInt());
        assertEquals(1, classic.get("startIndex").asInt(), "startIndex is not honoured");
        assertEquals(emulator.users().get(0).id(), classic.get("Resources").get(0).get("id").asText());

        Set<String> seen = new HashSet<>();
        String next = "";
        int pages = 0;
        while (next != null) {
            JsonNode page = scim.get("Users?count=2&cursor=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)).body();
            assertFalse(page.has("totalResults"), "cursor pages carry no totalResults");
            page.get("Resources").forEach(u -> seen.add(u.get("id").asText()));
            next = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertRefused(scim.get("Users?cursor=not-ours"), 400, "cursor");
    }

    @Test
    void errorsUseAwsErrorShape() {
        createUser("dup@example.com");
        Response duplicate = scim.post("Users", user("dup@example.com"));
        assertEquals("application/json", duplicate.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = duplicate.body();
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", body.get("schemas").get(0).asText());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", body.get("schema").get(0).asText(), "AWS's misspelt field");
        assertEquals("409", body.get("status").asText());
        assertTrue(body.get("status").isTextual(), "status is a string");
        assertNotNull(body.get("exceptionRequestId"));
        assertNotNull(body.get("timeStamp"));
    }

    // ---- fault injection

    @Test
    void throttleNextAnswers429WithRetryAfterThenRecovers() {
        emulator.throttleNext(2, Duration.ofSeconds(3));
        for (int i = 0; i < 2; i++) {
            Response throttled = scim.get("Users");
            assertEquals(429, throttled.status());
            assertEquals("3", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("429", throttled.body().get("status").asText());
        }
        assertEquals(200, scim.get("Users").status());
    }

    @Test
    void failNextAnswersTheGivenServerError() {
        emulator.failNext(1, 503);
        assertEquals(503, scim.get("Users").status());
        emulator.failNext(1, 500);
        assertEquals(500, scim.post("Users", user("retry@example.com")).status());
        assertTrue(emulator.users().isEmpty(), "a failed create stores nothing");
        assertCreated(scim.post("Users", user("retry@example.com")));
    }

    @Test
    void dropNextConnectionsClosesWithoutAnswer() {
        // A POST: the JDK client silently retries an idempotent GET on a closed keep-alive connection.
        emulator.dropNextConnections(1);
        assertThrows(IOException.class, () -> scim.sendOrThrow("POST", "Users", user("dropped@example.com")));
        assertTrue(emulator.users().isEmpty(), "the dropped create was not applied");
        assertEquals(RecordedRequest.DROPPED, emulator.requestLog().entries().get(0).status());
        assertCreated(scim.post("Users", user("dropped@example.com")));
    }

    @Test
    void outageAnswers503UntilCleared() {
        emulator.outage(true);
        assertEquals(503, scim.get("Users").status());
        assertEquals(503, scim.post("Users", user("outage@example.com")).status());
        emulator.outage(false);
        assertCreated(scim.post("Users", user("outage@example.com")));
    }

    @Test
    void rateLimitThrottlesBurstsAboveTheRate() {
        emulator.setRateLimit(5);
        List<Integer> statuses = IntStream.range(0, 20).mapToObj(i -> scim.get("Users").status()).toList();
        assertTrue(statuses.stream().filter(s -> s == 200).count() >= 5, statuses.toString());
        assertTrue(statuses.contains(429), statuses.toString());
        emulator.setRateLimit(0);
        assertTrue(IntStream.range(0, 20).allMatch(i -> scim.get("Users").status() == 200));
    }

    @Test
    void delayResponsesSlowsEveryAnswer() {
        emulator.delayResponses(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertEquals(200, scim.get("Users").status());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }

    // ---- inspection, seeding, concurrency

    @Test
    void requestLogRecordsMethodPathStatusButNeverTheToken() {
        String id = createUser("logged@example.com");
        scim.get("Users/" + id);
        scim.withToken("wrong").get("Users");
        List<RecordedRequest> entries = emulator.requestLog().entries();
        assertEquals(List.of("CreateUser", "GetUser", "ListUsers"), entries.stream().map(RecordedRequest::operation).toList());
        assertEquals(List.of(201, 200, 401), entries.stream().map(RecordedRequest::status).toList());
        assertEquals("POST", entries.get(0).method());
        assertTrue(entries.get(1).path().endsWith("/scim/v2/Users/" + id));
        entries.forEach(e -> assertFalse(e.toString().contains(emulator.token())));
        assertEquals(1, emulator.operationCount("CreateUser"));
        assertEquals(Map.of("CreateUser", 1L, "GetUser", 1L, "ListUsers", 1L), emulator.operationCounts());
    }

    @Test
    void seededUserIsVisibleAndConflictsLikeAPreExistingAwsUser() {
        StoredUser seeded = emulator.seedUser(UserSeed.of("pre@example.com").withExternalId("idp-1"));
        Response conflict = scim.post("Users", user("pre@example.com"));
        assertEquals(409, conflict.status(), "the bridge must look it up and adopt it");
        assertEquals(List.of(seeded.id()), ids(scim.get("Users?" + filter("userName eq \"pre@example.com\""))));
        StoredGroup group = emulator.seedGroup("Pre-existing");
        emulator.seedMember(group.id(), seeded.id());
        assertEquals(409, scim.post("Groups", group("pre-existing")).status());
        assertThrows(IllegalArgumentException.class, () -> emulator.seedUser(UserSeed.of("Administrator")));
    }

    @Test
    void concurrentCreatesOfOneUserNameYieldExactlyOneUser() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                creates.add(() -> scim.post("Users", user("race@example.com")).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(creates)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(15, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertEquals(1, emulator.users().size());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers

    private static Response assertCreated(Response response) {
        assertEquals(201, response.status(), response.toString());
        return response;
    }

    private static void assertRefused(Response response, int status, String reasonFragment) {
        assertEquals(status, response.status(), response.toString());
        if (status == 400) {
            assertEquals(UNPARSABLE, response.detail(), response.toString());
        }
        assertTrue(response.reason().contains(reasonFragment),
                "expected reason containing '" + reasonFragment + "' but was: " + response);
    }

    private static String createUser(String userName) {
        return assertCreated(scim.post("Users", user(userName))).id();
    }

    private static String createGroup(String displayName) {
        return assertCreated(scim.post("Groups", group(displayName))).id();
    }

    private static String[] seedUsers(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> emulator.seedUser(UserSeed.of("seed" + i + "@example.com")).id())
                .toArray(String[]::new);
    }

    private static List<String> ids(Response list) {
        assertEquals(200, list.status(), list.toString());
        List<String> ids = new ArrayList<>();
        list.body().get("Resources").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
