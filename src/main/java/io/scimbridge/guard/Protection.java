package io.scimbridge.guard;

import io.scimbridge.rules.ProtectedPrincipals;
import io.scimbridge.rules.Rules;
import io.scimbridge.rules.RulesHolder;
import jakarta.enterprise.context.ApplicationScoped;

/** The protected principals of the rules in force ({@code protect:}), read at each question. */
@ApplicationScoped
public class Protection {

    private final RulesHolder rules;
    /** The principals of the rules last asked about: read again only when the rules were reloaded. */
    private volatile Cached cached = new Cached(null, ProtectedPrincipals.NONE);

    private record Cached(Rules rules, ProtectedPrincipals principals) {}

    public Protection(RulesHolder rules) {
        this.rules = rules;
    }

    public ProtectedPrincipals current() {
        Rules inForce = rules.rules();
        Cached last = cached;
        if (last.rules() != inForce) {
            last = new Cached(inForce, ProtectedPrincipals.of(inForce));
            cached = last;
        }
        return last.principals();
    }

    /** Whether the removal takes something from a protected user or group. */
    boolean protects(Removal r) {
        ProtectedPrincipals p = current();
        return p.user(r.userName()) || p.group(r.groupName());
    }
}
