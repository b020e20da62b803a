package io.scimbridge.testing.scenario;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.scimbridge.aws.emulator.AwsEmulatorsResource;
import java.util.List;
import java.util.Map;

/**
 * The bridge delivering to the Identity Center emulator, tuned so that retries happen within
 * seconds: one profile shared by every forwarder scenario, so Quarkus boots once for all of them.
 */
public class EmulatedIdentityCenterProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // a free port: other builds may run their Quarkus tests on this machine at the same time
                "quarkus.http.test-port", "0",
                "bridge.identity-center.max-backoff", "1s",
                "bridge.identity-center.poll-interval", "100ms",
                "bridge.identity-center.max-attempts", "3",
                // shorter than the slow answers injected by the "no answer but applied" scenario
                "bridge.identity-center.request-timeout", "2s",
                // Identity Center's ~20 TPS is emulated by the scenarios that need it (setRateLimit);
                // the client's own limiter stays on, high enough for 2,500 users in seconds
                "bridge.identity-center.requests-per-second", "300",
                "bridge.identity-center.workers", "4",
                "bridge.identity-center.lease", "30s",
                // the circuit opens after an outage's failures; short pauses keep scenarios quick
                "bridge.identity-center.circuit.open-for", "200ms",
                "bridge.identity-center.circuit.max-open-for", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AwsEmulatorsResource.class));
    }
}
