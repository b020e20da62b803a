package io.scimbridge.rules;

/**
 * CDI event fired by {@link RulesHolder} after a changed rules file was loaded successfully (never
 * for a rejected one). Observers run on the reload thread after {@code now} is in force.
 *
 * @param old the rules in force before
 * @param now the rules in force from now on
 */
public record RulesChanged(Rules old, Rules now) {

    /**
     * Whether some user or group may now be forwarded or shaped differently: when false (only
     * comments, spacing or later sections changed), no resource needs to be marked dirty.
     */
    public boolean forwardingChanged() {
        return !old.sameForwarding(now);
    }
}
