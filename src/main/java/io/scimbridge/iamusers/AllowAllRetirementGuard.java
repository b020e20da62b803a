package io.scimbridge.iamusers;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Until the safety rails provide a {@link RetirementGuard}: nothing is refused. */
@DefaultBean
@ApplicationScoped
public class AllowAllRetirementGuard implements RetirementGuard {

    @Override
    public Optional<String> refuse(Step step, RetirementPlan plan) {
        return Optional.empty();
    }
}
