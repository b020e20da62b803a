package io.scimbridge.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The SCIM writes that are audited (searches, POST .search, are reads and are not), and what the
 * bridge itself does to a user's access: DENY (its live AWS sessions denied, session revocation)
 * and LIFT (the Deny taken away); DISABLE and RESTORE (an IAM user's keys made Inactive and its
 * password deleted, stage 1 of its retirement, and undone; its stage 2 is a DELETE); HOLD (the
 * deprovisioning guard tripped and holds removals) and RELEASE (an operator released them); PROTECT
 * (a removal refused because the rules file protects the user or group). At most 8 characters
 * (audit_entry.operation).
 */
public enum AuditOperation {
    CREATE, REPLACE, PATCH, DELETE, DENY, LIFT, DISABLE, RESTORE, HOLD, RELEASE, PROTECT;

    /** "create", "replace", ...: as stored, queried and shown. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditOperation> fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName().equalsIgnoreCase(name)).findFirst();
    }
}
