package io.scimbridge.rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every {@link RulesChanged} the application fires, for tests to look at. */
@ApplicationScoped
public class RulesChangedRecorder {

    private final List<RulesChanged> events = new CopyOnWriteArrayList<>();

    void on(@Observes RulesChanged event) {
        events.add(event);
    }

    List<RulesChanged> events() {
        return List.copyOf(events);
    }
}
