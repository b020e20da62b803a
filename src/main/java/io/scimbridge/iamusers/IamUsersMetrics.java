package io.scimbridge.iamusers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bridge_iam_users{class, usable}}: IAM users of the latest inventory by class, and whether
 * they can still be used (a console password or an Active key). Every class and both usable values
 * are always present (0 when none), so that the alert on a usable person-left IAM user sees a
 * series from the first scrape.
 */
@ApplicationScoped
public class IamUsersMetrics {

    private final MultiGauge gauge;

    public IamUsersMetrics(MeterRegistry meters) {
        this.gauge = MultiGauge.builder("bridge.iam.users")
                .description("IAM users of the member accounts by class (person-left, person-migrated, ...) and usable (true/false)")
                .register(meters);
        update(List.of());
    }

    /** Created at startup, not at the first inventory: the zeros are there from the first scrape. */
    void register(@Observes StartupEvent event) {
        // observing is enough: the bean, and with it the gauge, now exists
    }

    void update(List<ClassifiedUser> users) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (IamUserClass kind : IamUserClass.values()) {
            for (boolean usable : new boolean[] {true, false}) {
                long count = users.stream().filter(u -> u.kind() == kind && u.user().usable() == usable).count();
                rows.add(MultiGauge.Row.of(Tags.of("class", kind.label(), "usable", Boolean.toString(usable)), count));
            }
        }
        gauge.register(rows, true);
    }
}
