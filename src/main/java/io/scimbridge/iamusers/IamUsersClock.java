package io.scimbridge.iamusers;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;

/**
 * "Now" for the retirement stages (days without use, the quiet period). A bean of its own so that
 * a scenario test moves time forward ({@code QuarkusMock.installMockForType}) instead of waiting
 * thirty days.
 */
@ApplicationScoped
public class IamUsersClock implements InstantSource {

    @Override
    public Instant instant() {
        return Instant.now();
    }
}
