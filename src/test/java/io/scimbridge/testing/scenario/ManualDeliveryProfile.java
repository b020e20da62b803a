package io.scimbridge.testing.scenario;

import java.util.HashMap;
import java.util.Map;

/**
 * The same bridge and emulator, but with the delivery loop stopped: the test claims dirty marks
 * and runs deliveries itself, so coalescing and crashes between "Identity Center answered" and
 * "mark cleared" can be staged step by step. Leases are short so that a claim left behind by a
 * staged crash can be taken again within seconds.
 */
public class ManualDeliveryProfile extends EmulatedIdentityCenterProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.delivery.enabled", "false");
        config.put("bridge.identity-center.lease", "2s");
        return config;
    }
}
