package io.scimbridge.identitycenter.emulator;

/**
 * A user to put straight into the emulator's store, as if created in the AWS console or by another
 * tool (for "adopt a pre-existing user" scenarios). Start from {@link #of(String)} and adjust with
 * the {@code with...} methods.
 */
public record UserSeed(String userName, String givenName, String familyName, String displayName,
                       String email, String externalId, boolean active) {

    /** A valid user named {@code userName}; names are derived from it, the email is the userName if it has an '@'. */
    public static UserSeed of(String userName) {
        int at = userName.indexOf('@');
        String given = at > 0 ? userName.substring(0, at) : userName;
        return new UserSeed(userName, given, "Seeded", given + " Seeded", at > 0 ? userName : null, null, true);
    }

    public UserSeed withNames(String given, String family, String display) {
        return new UserSeed(userName, given, family, display, email, externalId, active);
    }

    public UserSeed withEmail(String newEmail) {
        return new UserSeed(userName, givenName, familyName, displayName, newEmail, externalId, active);
    }

    public UserSeed withExternalId(String newExternalId) {
        return new UserSeed(userName, givenName, familyName, displayName, email, newExternalId, active);
    }

    public UserSeed withActive(boolean newActive) {
        return new UserSeed(userName, givenName, familyName, displayName, email, externalId, newActive);
    }
}
