package io.scimbridge.identitycenter;

/**
 * Fills the names Identity Center requires (givenName, familyName, displayName) when the IdP
 * sent none, as Azure AD service accounts and Okta users without names do every day: from the
 * displayName first, then from the userName's local part ("jane.doe@x" -> Jane / Doe). The
 * placeholder is used for a part that still can't be found (configurable).
 */
public record NameDerivation(boolean enabled, String placeholder) {

    public record Names(String givenName, String familyName, String displayName) {}

    public static NameDerivation defaults() {
        return new NameDerivation(true, "-");
    }

    public Names derive(String userName, String displayName, String givenName, String familyName) {
        if (!enabled) {
            return new Names(givenName, familyName, displayName);
        }
        String[] fromDisplay = displayName == null ? new String[0] : displayName.trim().split("\\s+");
        String local = userName == null ? "" : userName.contains("@") ? userName.substring(0, userName.indexOf('@')) : userName;
        String[] fromLocal = local.isBlank() ? new String[0] : local.split("[._\\-\\s]+");
        String given = givenName != null ? givenName
                : fromDisplay.length >= 2 ? fromDisplay[0]
                : fromLocal.length >= 1 && !fromLocal[0].isBlank() ? capitalise(fromLocal[0])
                : fromDisplay.length == 1 ? fromDisplay[0] : placeholder;
        String family = familyName != null ? familyName
                : fromDisplay.length >= 2 ? fromDisplay[fromDisplay.length - 1]
                : fromLocal.length >= 2 ? capitalise(fromLocal[fromLocal.length - 1])
                : placeholder;
        String display = displayName != null ? displayName
                : (givenName != null || familyName != null) ? join(givenName, familyName)
                : join(given.equals(placeholder) ? null : given, family.equals(placeholder) ? null : family);
        if (display == null || display.isBlank()) {
            display = userName == null || userName.isBlank() ? placeholder : userName;
        }
        return new Names(given, family, display);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
