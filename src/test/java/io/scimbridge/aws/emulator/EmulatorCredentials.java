package io.scimbridge.aws.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Credentials for the AWS SDK's default chain while a test runs against the emulators (which
 * take any), restored afterwards: {@code @ExtendWith(EmulatorCredentials.class)}.
 */
public final class EmulatorCredentials implements BeforeEachCallback, AfterEachCallback {

    private static final List<String> KEYS = List.of("aws.accessKeyId", "aws.secretAccessKey");

    private final Map<String, String> previous = new HashMap<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        for (String key : KEYS) {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, "emulator");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        previous.clear();
    }
}
