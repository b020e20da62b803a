package io.scimbridge.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import io.scimbridge.identitycenter.emulator.IdentityCenterScimEmulator;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The Quarkus test resource, driven as Quarkus drives it: init, start, inject, stop. */
class AwsEmulatorsResourceTest {

    /** Stands in for a @QuarkusTest class. */
    static final class FakeTest {
        @InjectAwsEmulators
        IdentityCenterScimEmulator identityCenter;
        @InjectAwsEmulators
        IdentityStoreEmulator identityStore;
        @InjectAwsEmulators
        AwsEmulators both;
    }

    @Test
    void startSetsTheBridgeConfigInjectsAndStopCloses() throws Exception {
        AwsEmulatorsResource resource = new AwsEmulatorsResource();
        resource.init(Map.of("token", "fixed-token", "identity-store-id", "d-1234567890", "region", "eu-central-1"));
        Map<String, String> config = resource.start();
        try {
            assertEquals(Map.of(
                    "bridge.identity-center.scim-url", resource.emulators().scim().url(),
                    "bridge.identity-center.scim-token", "fixed-token",
                    "bridge.identity-center.identity-store-id", "d-1234567890",
                    "bridge.aws.endpoint-override", resource.emulators().identityStore().url(),
                    "bridge.aws.region", "eu-central-1"), config);
            assertTrue(config.get("bridge.identity-center.scim-url").matches("http://127\\.0\\.0\\.1:\\d+/[-0-9a-f]+/scim/v2/"));

            FakeTest test = new FakeTest();
            resource.inject(injectorFor(test));
            assertSame(resource.emulators().scim(), test.identityCenter);
            assertSame(resource.emulators().identityStore(), test.identityStore);
            assertSame(resource.emulators(), test.both);

            assertEquals(200, get(config.get("bridge.identity-center.scim-url") + "Users", "fixed-token"));
        } finally {
            resource.stop();
        }
        assertThrows(IOException.class, () -> get(config.get("bridge.identity-center.scim-url") + "Users", "fixed-token"));
    }

    private static int get(String url, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What Quarkus does: set every field of the test instance that the predicate accepts. */
    private static TestInjector injectorFor(Object testInstance) {
        return (value, predicate) -> {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (((Predicate<Field>) predicate).test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }
}
