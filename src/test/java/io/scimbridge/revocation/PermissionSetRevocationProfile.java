package io.scimbridge.revocation;

import java.util.HashMap;
import java.util.Map;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/** The emulated Identity Center and SSO Admin, with session revocation in mode permission-sets and a short drift check. */
public class PermissionSetRevocationProfile extends EmulatedIdentityCenterProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("bridge.session-revocation.mode", "permission-sets");
        config.put("bridge.session-revocation.reconcile-interval", "2s");
        config.put("bridge.session-revocation.check-interval", "200ms");
        return config;
    }
}
