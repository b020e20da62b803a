package io.scimbridge.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;

/**
 * "Now" for the token checks the bridge makes itself (a previous key's cut-over) and for the
 * token gauges. A bean of its own so that a scenario test can move time forward
 * ({@code QuarkusMock.installMockForType}) instead of waiting for a cut-over to pass.
 */
@ApplicationScoped
public class AuthClock implements InstantSource {

    @Override
    public Instant instant() {
        return Instant.now();
    }
}
