package io.scimbridge.guard;

import java.util.Map;

/** The guard's answer to removals asked together, by key; a key not listed is sent. */
public record Admission(Map<String, Verdict> verdicts) {

    public static final Admission SEND_ALL = new Admission(Map.of());

    public Admission {
        verdicts = Map.copyOf(verdicts);
    }

    public Verdict of(Removal removal) {
        return verdicts.getOrDefault(removal.key(), Verdict.SEND);
    }

    public boolean sends(Removal removal) {
        return of(removal) == Verdict.SEND;
    }

    public boolean held() {
        return verdicts.containsValue(Verdict.HOLD);
    }
}
