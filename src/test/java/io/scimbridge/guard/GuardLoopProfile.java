package io.scimbridge.guard;

import java.util.HashMap;
import java.util.Map;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/** The forwarder scenarios' bridge with its delivery loop running and the deprovisioning guard on at its defaults. */
public class GuardLoopProfile extends EmulatedIdentityCenterProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.guard.max-deprovisions", "20");
        config.put("bridge.guard.max-percent", "10");
        return config;
    }
}
