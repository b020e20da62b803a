package io.scimbridge.store.sqlite;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.scimbridge.auth.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Azure AD creates users: the bridge answers 201 only once the write is on disk. The write ran on
 * the store's writer connection ({@link WriterConnection}), not on the pooled connection the request
 * took, so this pins down that its commit is still seen and waited for: without that the IdP would
 * be told "created" for a write a power cut can lose.
 */
@QuarkusTest
class DurableBeforeTheAnswerTest {

    @Inject
    SingleWriter writer;

    @Inject
    EntityManager em;

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

    @Test
    void createsThatQueueForTheWriterShareOneSqliteCommitAndEachIsInTheStoreWhenAnswered() throws Exception {
        String azure = TestTokens.forSource("azure");
        int creates = 12;
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(creates + 1);
        try {
            Future<?> holder = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("select count(*) from scim_resource").getSingleResult(); // takes the writer
                holding.countDown();
                Latches.awaitLetGo(letGo);
            }));
            assertTrue(holding.await(30, TimeUnit.SECONDS));
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                String userName = "batched" + i + "@example.com";
                answers.add(pool.submit(() -> given().auth().oauth2(azure).contentType("application/scim+json")
                        .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}")
                        .post("/scim/v2/Users").statusCode()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writer.waiting() >= creates);
            SingleWriter.Counts before = writer.counts();
            letGo.countDown();
            holder.get(30, TimeUnit.SECONDS);
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get(30, TimeUnit.SECONDS));
            }
            SingleWriter.Counts after = writer.counts();

            long commits = after.sqliteCommits() - before.sqliteCommits();
            assertTrue(commits >= 1 && commits < creates, creates + " creates in line took " + commits + " SQLite commits");
            assertEquals(creates, given().auth().oauth2(azure).queryParam("filter", "userName sw \"batched\"")
                    .get("/scim/v2/Users").jsonPath().getInt("totalResults"), "every create answered 201 is in the store");
        } finally {
            letGo.countDown();
            pool.shutdownNow();
        }
    }
}
