package io.scimbridge.rules;

import java.time.Duration;

/**
 * What the {@code permissionSets} section says about one permission set the bridge may change:
 * its session duration (how long the AWS role session lasts, PT1H..PT12H).
 *
 * @param sessionDuration as written (ISO-8601), which is what SSO Admin stores
 */
public record PermissionSetPolicy(String name, String sessionDuration, int line) {

    public Duration duration() {
        return Duration.parse(sessionDuration);
    }
}
