package io.scimbridge.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import io.scimbridge.identitycenter.emulator.RecordedRequest;
import io.scimbridge.identitycenter.emulator.StoredGroup;
import io.scimbridge.identitycenter.emulator.StoredUser;
import io.scimbridge.identitycenter.emulator.UserSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClientBuilder;
import software.amazon.awssdk.services.identitystore.model.AlternateIdentifier;
import software.amazon.awssdk.services.identitystore.model.DescribeGroupResponse;
import software.amazon.awssdk.services.identitystore.model.DescribeUserResponse;
import software.amazon.awssdk.services.identitystore.model.ExternalId;
import software.amazon.awssdk.services.identitystore.model.GroupMembership;
import software.amazon.awssdk.services.identitystore.model.ListUsersResponse;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.identitystore.model.ResourceType;
import software.amazon.awssdk.services.identitystore.model.ThrottlingException;
import software.amazon.awssdk.services.identitystore.model.UniqueAttribute;
import software.amazon.awssdk.services.identitystore.model.User;
import software.amazon.awssdk.services.identitystore.model.ValidationException;

/**
 * The Identity Store emulator driven by the real AWS SDK v2 client (serialisation, SigV4 headers,
 * pagination, error unmarshalling, retries), reading what the SCIM emulator wrote.
 */
@ExtendWith(Emulators.class)
class IdentityStoreEmulatorTest {

    private final IdentityCenterScimEmulator scim;
    private final IdentityStoreEmulator identityStore;
    private IdentitystoreClient client;

    IdentityStoreEmulatorTest(AwsEmulators emulators) {
        this.scim = emulators.scim();
        this.identityStore = emulators.identityStore();
    }

    @BeforeEach
    void setUp() {
        client = clientBuilder().build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private IdentitystoreClientBuilder clientBuilder() {
        return IdentitystoreClient.builder()
                .endpointOverride(URI.create(identityStore.url()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    private String storeId() {
        return identityStore.identityStoreId();
    }

    @Test
    void listUsersPaginatesWithMaxResultsAndNextToken() {
        List<String> seeded = IntStream.range(0, 5)
                .mapToObj(i -> scim.seedUser(UserSeed.of("user" + i + "@example.com")).id()).toList();

        List<String> seen = new ArrayList<>();
        String nextToken = null;
        int pages = 0;
        do {
            String token = nextToken;
            ListUsersResponse page = client.listUsers(r -> r.identityStoreId(storeId()).maxResults(2).nextToken(token));
            page.users().forEach(u -> seen.add(u.userId()));
            nextToken = page.nextToken();
            pages++;
        } while (nextToken != null);
        assertEquals(3, pages);
        assertEquals(seeded, seen);

        List<User> all = client.listUsersPaginator(r -> r.identityStoreId(storeId()).maxResults(2)).users().stream().toList();
        assertEquals(5, all.size());
        User first = all.get(0);
        assertEquals("user0@example.com", first.userName());
        assertEquals("user0", first.name().givenName());
        assertEquals("Seeded", first.name().familyName());
        assertEquals("user0 Seeded", first.displayName());
        assertEquals("user0@example.com", first.emails().get(0).value());
        assertTrue(first.emails().get(0).primary());
        assertEquals(storeId(), first.identityStoreId());
        assertNotNull(first.createdAt());
    }

    @Test
    void listGroupsAndMembershipsShowWhatScimWrote() {
        StoredUser alice = scim.seedUser(UserSeed.of("alice@example.com"));
        StoredUser bob = scim.seedUser(UserSeed.of("bob@example.com"));
        StoredGroup admins = scim.seedGroup("Admins", "ext-admins");
        scim.seedMember(admins.id(), alice.id());
        scim.seedMember(admins.id(), bob.id());
        scim.seedGroup("Readers");

        List<String> names = client.listGroups(r -> r.identityStoreId(storeId())).groups().stream()
                .map(g -> g.displayName()).toList();
        assertEquals(List.of("Admins", "Readers"), names);

        List<GroupMembership> memberships = client.listGroupMemberships(r -> r.identityStoreId(storeId())
                .groupId(admins.id()).maxResults(1)).groupMemberships();
        assertEquals(1, memberships.size());
        Set<String> members = new HashSet<>();
        client.listGroupMembershipsPaginator(r -> r.identityStoreId(storeId()).groupId(admins.id()).maxResults(1))
                .groupMemberships().forEach(m -> members.add(m.memberId().userId()));
        assertEquals(Set.of(alice.id(), bob.id()), members);

        ResourceNotFoundException noGroup = assertThrows(ResourceNotFoundException.class,
                () -> client.listGroupMemberships(r -> r.identityStoreId(storeId()).groupId("no-such-group")));
        assertEquals(ResourceType.GROUP, noGroup.resourceType());
    }

    @Test
    void getUserIdByUserNameEmailOrExternalId() {
        StoredUser carol = scim.seedUser(UserSeed.of("carol@example.com").withExternalId("idp-carol"));

        String byUserName = client.getUserId(r -> r.identityStoreId(storeId()).alternateIdentifier(
                AlternateIdentifier.fromUniqueAttribute(UniqueAttribute.builder()
                        .attributePath("userName").attributeValue(Document.fromString("CAROL@example.com")).build())))
                .userId();
        assertEquals(carol.id(), byUserName);

        String byEmail = client.getUserId(r -> r.identityStoreId(storeId()).alternateIdentifier(
                AlternateIdentifier.fromUniqueAttribute(UniqueAttribute.builder()
                        .attributePath("emails.value").attributeValue(Document.fromString("carol@example.com")).build())))
                .userId();
        assertEquals(carol.id(), byEmail);

        String byExternalId = client.getUserId(r -> r.identityStoreId(storeId()).alternateIdentifier(
                AlternateIdentifier.fromExternalId(ExternalId.builder().issuer("scim").id("idp-carol").build())))
                .userId();
        assertEquals(carol.id(), byExternalId);

        assertThrows(ResourceNotFoundException.class, () -> client.getUserId(r -> r.identityStoreId(storeId())
                .alternateIdentifier(AlternateIdentifier.fromUniqueAttribute(UniqueAttribute.builder()
                        .attributePath("userName").attributeValue(Document.fromString("nobody@example.com")).build()))));
        assertThrows(ValidationException.class, () -> client.getUserId(r -> r.identityStoreId(storeId())
                .alternateIdentifier(AlternateIdentifier.fromUniqueAttribute(UniqueAttribute.builder()
                        .attributePath("displayName").attributeValue(Document.fromString("x")).build()))));
    }

    @Test
    void getGroupIdByDisplayName() {
        StoredGroup ops = scim.seedGroup("Ops");
        String groupId = client.getGroupId(r -> r.identityStoreId(storeId()).alternateIdentifier(
                AlternateIdentifier.fromUniqueAttribute(UniqueAttribute.builder()
                        .attributePath("displayName").attributeValue(Document.fromString("Ops")).build())))
                .groupId();
        assertEquals(ops.id(), groupId);
    }

    @Test
    void describeUserAndGroup() {
        StoredUser dave = scim.seedUser(UserSeed.of("dave@example.com").withActive(false).withExternalId("idp-dave"));
        StoredGroup group = scim.seedGroup("Described", "ext-g");

        DescribeUserResponse user = client.describeUser(r -> r.identityStoreId(storeId()).userId(dave.id()));
        assertEquals("dave@example.com", user.userName());
        assertEquals("DISABLED", user.userStatusAsString());
        assertEquals("idp-dave", user.externalIds().get(0).id());

        DescribeGroupResponse described = client.describeGroup(r -> r.identityStoreId(storeId()).groupId(group.id()));
        assertEquals("Described", described.displayName());
        assertEquals("ext-g", described.externalIds().get(0).id());

        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> client.describeUser(r -> r.identityStoreId(storeId()).userId("no-such-user")));
        assertEquals(ResourceType.USER, missing.resourceType());
        assertEquals("no-such-user", missing.resourceId());
    }

    @Test
    void identityStoreIdMustMatch() {
        ResourceNotFoundException other = assertThrows(ResourceNotFoundException.class,
                () -> client.listUsers(r -> r.identityStoreId("d-0000000000")));
        assertEquals(ResourceType.IDENTITY_STORE, other.resourceType());
        assertThrows(ValidationException.class, () -> client.listUsers(r -> r.identityStoreId("not-a-store")));
        assertThrows(ValidationException.class, () -> client.listUsers(r -> r.identityStoreId(storeId()).maxResults(101)));
        assertThrows(ValidationException.class, () -> client.listUsers(r -> r.identityStoreId(storeId()).nextToken("forged")));
    }

    @Test
    void changesMadeDirectlyInAwsAreSeenThroughBothApis() {
        StoredUser erin = scim.seedUser(UserSeed.of("erin@example.com"));
        StoredGroup group = scim.seedGroup("Direct");
        scim.seedMember(group.id(), erin.id());

        scim.state().removeMember(group.id(), erin.id());
        assertTrue(client.listGroupMemberships(r -> r.identityStoreId(storeId()).groupId(group.id()))
                .groupMemberships().isEmpty());

        scim.state().deleteUser(erin.id());
        assertThrows(ResourceNotFoundException.class,
                () -> client.describeUser(r -> r.identityStoreId(storeId()).userId(erin.id())));
        assertTrue(scim.userByUserName("erin@example.com").isEmpty());
    }

    @Test
    void throttlingIsRetriedBySdkOrSurfacedWhenRetriesAreOff() {
        scim.seedUser(UserSeed.of("frank@example.com"));
        identityStore.faults().throttleNext(1, Duration.ZERO);
        assertEquals(1, client.listUsers(r -> r.identityStoreId(storeId())).users().size());
        List<Integer> statuses = identityStore.requestLog().entries("ListUsers").stream()
                .map(RecordedRequest::status).toList();
        assertEquals(List.of(400, 200), statuses, "ThrottlingException (HTTP 400 as modelled), then the SDK's retry");

        try (IdentitystoreClient noRetry = clientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            identityStore.faults().throttleNext(1, Duration.ofSeconds(2));
            ThrottlingException throttled = assertThrows(ThrottlingException.class,
                    () -> noRetry.listUsers(r -> r.identityStoreId(storeId())));
            assertEquals(2, throttled.retryAfterSeconds());
        }
    }

    @Test
    void requestsWithoutSigV4AuthorizationAreRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(identityStore.url() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSIdentityStore.ListUsers")
                .POST(HttpRequest.BodyPublishers.ofString("{\"IdentityStoreId\":\"" + storeId() + "\"}"));
        HttpResponse<String> unsigned = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
        assertTrue(unsigned.body().contains("MissingAuthenticationTokenException"));

        HttpResponse<String> signedLooking = http.send(request.header("Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20250101/eu-west-1/identitystore/aws4_request, SignedHeaders=host, Signature=00")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signedLooking.statusCode());
        assertEquals("application/x-amz-json-1.1", signedLooking.headers().firstValue("Content-Type").orElseThrow());
        identityStore.requestLog().entries().forEach(e -> assertTrue(e.reason() == null || !e.reason().contains("Signature")));
    }

    @Test
    void writesThroughScimAreReadBackThroughTheSdk() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"gina@example.com",
                 "displayName":"Gina G","name":{"givenName":"Gina","familyName":"G"},"externalId":"idp-gina",
                 "emails":[{"value":"gina@example.com","type":"work","primary":true}]}""";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(scim.url() + "Users"))
                .header("Authorization", "Bearer " + scim.token())
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());

        String userId = client.getUserId(r -> r.identityStoreId(storeId()).alternateIdentifier(
                AlternateIdentifier.fromExternalId(ExternalId.builder().issuer("scim").id("idp-gina").build()))).userId();
        DescribeUserResponse gina = client.describeUser(r -> r.identityStoreId(storeId()).userId(userId));
        assertEquals("Gina G", gina.displayName());
        assertEquals("ENABLED", gina.userStatusAsString());
        assertNull(gina.nickName());
    }
}
