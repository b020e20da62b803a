package io.scimbridge.assignments;

import java.util.Locale;

/**
 * An AWS account's state in the organisation (Organizations' {@code State}, or the older
 * {@code Status}). Only ACTIVE accounts receive assignments.
 */
public enum AccountStatus {
    ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION, UNKNOWN;

    public static AccountStatus of(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    public boolean assignable() {
        return this == ACTIVE;
    }
}
