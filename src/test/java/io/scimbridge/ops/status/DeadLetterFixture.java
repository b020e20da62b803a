package io.scimbridge.ops.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.identitycenter.outbox.OutboxQueue;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.scenario.CleanSlate;
import io.scimbridge.testing.scenario.BridgeInspector;

/**
 * A real dead letter, made the way DeadLetterScenarioTest makes one: a manager is deleted in the
 * AWS console, then a new report naming it is refused (400) by Identity Center until it is a dead
 * letter. {@link #fixCause()} is what an operator would do: reconcile, which re-creates the
 * manager, so that a retry of the report then succeeds.
 */
final class DeadLetterFixture {

    private final AwsEmulators aws;
    private final BridgeInspector bridge;
    private final CleanSlate cleanSlate;
    private final IdpConnection azure = IdpConnection.azure();

    DeadLetterFixture(AwsEmulators aws, BridgeInspector bridge, CleanSlate cleanSlate) {
        this.aws = aws;
        this.bridge = bridge;
        this.cleanSlate = cleanSlate;
    }

    /** Nothing in the bridge or in the emulated AWS. */
    void startFromNothing() {
        cleanSlate.start(aws);
    }

    /** Makes the dead letter of a user named {@code userName}; returns its resource id. */
    String deadLetterFor(String userName) {
        String boss = azure.createUser(UserBody.azure("boss-of-" + userName).name("Big", "Boss").workEmail());
        eventually().until(() -> aws.scim().userByUserName("boss-of-" + userName).isPresent() && bridge.queue().depth() == 0);
        aws.scim().state().deleteUser(aws.scim().userByUserName("boss-of-" + userName).orElseThrow().id());
        String stuck = azure.createUser(UserBody.azure(userName).name("Stu", "Ck").workEmail().manager(boss));
        eventually().until(() -> deadLetter(stuck).isPresent());
        return stuck;
    }

    Optional<OutboxQueue.Entry> deadLetter(String resourceId) {
        return bridge.deadLetters().stream().filter(e -> e.resourceId().equals(resourceId)).findFirst();
    }

    /** Reconciles (the manager's shadow has no Identity Center user: re-created) and waits for it. */
    void fixCause(String userName) {
        String key = System.setProperty("aws.accessKeyId", "test");
        String secret = System.setProperty("aws.secretAccessKey", "test");
        try {
            given().header("Authorization", "Bearer " + TestTokens.admin()).when().post("/admin/reconcile")
                    .then().statusCode(200);
        } finally {
            restore("aws.accessKeyId", key);
            restore("aws.secretAccessKey", secret);
        }
        eventually().until(() -> aws.scim().userByUserName("boss-of-" + userName).isPresent());
    }

    boolean deliveredToIdentityCenter(String userName) {
        return aws.scim().userByUserName(userName).isPresent();
    }

    BridgeInspector bridge() {
        return bridge;
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
