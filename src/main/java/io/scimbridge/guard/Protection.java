package io.scimbridge.guard;

import io.scimbridge.pipeline.ProtectedPrincipals;
import io.scimbridge.pipeline.RulesHolder;
import jakarta.enterprise.context.ApplicationScoped;

/** The protected principals of the rules in force ({@code protect:}), read at each question. */
@ApplicationScoped
public class Protection {

    private final RulesHolder rules;

    public Protection(RulesHolder rules) {
        this.rules = rules;
    }

    public ProtectedPrincipals current() {
        return ProtectedPrincipals.of(rules.rules());
    }

    /** Whether the removal takes something from a protected user or group. */
    boolean protects(Removal r) {
        ProtectedPrincipals p = current();
        return p.user(r.userName()) || p.group(r.groupName());
    }
}
