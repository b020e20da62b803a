package io.scimbridge.rules;

import java.util.Locale;

/**
 * What Identity Center should do with a resource the rules exclude ({@code users.whenExcluded}).
 * Only matters for a resource Identity Center holds (it has a shadow); an excluded resource that
 * was never forwarded is simply not created.
 */
public enum WhenExcluded {
    /** Keep the user in Identity Center with {@code active: false}: its assignments stay, sign-in stops. */
    DEACTIVATE,
    /** Delete it from Identity Center: assignments and memberships go with it. Groups are always deleted. */
    DELETE;

    /** The spelling in the rules file. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
