package io.scimbridge.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The SCIM writes that are audited; searches (POST .search) are reads and are not. */
public enum AuditOperation {
    CREATE, REPLACE, PATCH, DELETE;

    /** "create", "replace", ...: as stored, queried and shown. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditOperation> fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName().equalsIgnoreCase(name)).findFirst();
    }
}
