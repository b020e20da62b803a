package io.scimbridge.iamusers;

import java.util.Locale;

/**
 * What an IAM user is, for retiring it. Five classes, plus {@link #PERSON_NOT_MIGRATED}:
 * a linked person still active in the IdP whom the bridge has not (yet) delivered to Identity
 * Center: their IAM user is still their only door, so it is neither migrated nor retired.
 */
public enum IamUserClass {
    /** Linked to a person the IdP deactivated or deleted: the most urgent row. */
    PERSON_LEFT,
    /** Linked to an active person who has an Identity Center user: retired after retire.after without use. */
    PERSON_MIGRATED,
    /** Linked to an active person without an Identity Center user: left alone. */
    PERSON_NOT_MIGRATED,
    /** A console password and no link to any person. */
    UNLINKED_HUMAN,
    /** No console password, no link: keys only (CI, integrations) or nothing. */
    SERVICE,
    /** Listed in iamUsers.keep (break-glass and such). */
    KEPT;

    /** person-left, person-migrated, ...: as reports, metrics and the CLI show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
