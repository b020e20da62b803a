package io.scimbridge.store.sqlite;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.scimbridge.auth.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Azure AD creates a user: the bridge answers 201 only once the write is on disk. The write ran on
 * the store's writer connection ({@link WriterConnection}), not on the pooled connection the request
 * took, so this pins down that its commit is still seen and waited for: without that the IdP would
 * be told "created" for a write a power cut can lose.
 */
@QuarkusTest
class DurableBeforeTheAnswerTest {

    @Inject
    SingleWriter writer;

    @Test
    void aCreatedUserIsFsyncedBeforeTheIdpHearsSo() {
        SingleWriter.Counts before = writer.counts();
        int status = given().auth().oauth2(TestTokens.forSource("azure")).contentType("application/scim+json")
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"durable@example.com\"}")
                .post("/scim/v2/Users").statusCode();
        SingleWriter.Counts after = writer.counts();

        assertEquals(201, status);
        assertTrue(after.writeTransactions() > before.writeTransactions(), "the create took the writer");
        assertTrue(after.durableCommits() > before.durableCommits(), "its commit waited to be durable: " + before + " -> " + after);
        assertTrue(after.fsyncs() > before.fsyncs(), "and an fsync made it so");
    }
}
