package io.scimbridge.rules;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts rules reloads once the bridge has reacted to them: observed after the application's own
 * observers (a later priority than their default), so when the count moves the new rules are in
 * force and every resource they may affect is already marked dirty.
 */
@ApplicationScoped
public class RulesReloads {

    private final AtomicInteger reloads = new AtomicInteger();

    void on(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) RulesChanged changed) {
        reloads.incrementAndGet();
    }

    public int count() {
        return reloads.get();
    }
}
