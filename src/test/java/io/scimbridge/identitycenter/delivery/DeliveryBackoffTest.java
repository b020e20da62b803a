package io.scimbridge.identitycenter.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scimbridge.identitycenter.IdentityCenterConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How long a failed delivery waits: exponential, capped, jittered, never before Retry-After. */
class DeliveryBackoffTest {

    static final DeliveryAttempt ATTEMPT = new DeliveryAttempt(null, null, config(Duration.ofMinutes(5)), null, null);

    @ParameterizedTest(name = "after {0} attempts, Retry-After {1}s: {2}..{3} ms")
    @CsvSource({
            // attempts, Retry-After (s, -1 none), shortest, longest (ms)
            "0,  -1,    500,   1000",
            "1,  -1,   1000,   2000",
            "3,  -1,   4000,   8000",
            "8,  -1, 128000, 256000",
            "9,  -1, 150000, 300000", // capped at max-backoff (5 min)
            "40, -1, 150000, 300000",
            "0,  30,  30000,  30000", // Identity Center's Retry-After is a floor
            "3,   1,   4000,   8000"})
    void backoff(int attempts, int retryAfterSeconds, long shortest, long longest) {
        Duration retryAfter = retryAfterSeconds < 0 ? null : Duration.ofSeconds(retryAfterSeconds);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long millis = ATTEMPT.backoff(attempts, retryAfter).toMillis();
            assertTrue(millis >= shortest && millis <= longest, millis + " ms");
            seen.add(millis);
        }
        // jitter spreads retries that failed together, unless Retry-After decides
        assertEquals(shortest == longest, seen.size() == 1, "distinct waits: " + seen.size());
    }

    private static IdentityCenterConfig config(Duration maxBackoff) {
        return (IdentityCenterConfig) Proxy.newProxyInstance(IdentityCenterConfig.class.getClassLoader(),
                new Class<?>[] {IdentityCenterConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "maxBackoff" -> maxBackoff;
                    case "workers" -> 1;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
