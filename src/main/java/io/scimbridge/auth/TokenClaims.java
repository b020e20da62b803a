package io.scimbridge.auth;

import java.util.regex.Pattern;

/** The claims that make a bridge token, shared by minting and verification so they cannot drift. */
public final class TokenClaims {

    /** The IdP connection a SCIM token speaks for: {@code azure}, {@code okta}, ... */
    public static final String SOURCE = "source";
    /** Which API the token opens: {@link #SCOPE_SCIM} or {@link #SCOPE_ADMIN}, never both. */
    public static final String SCOPE = "scope";
    public static final String SCOPE_SCIM = "scim";
    public static final String SCOPE_ADMIN = "admin";

    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TokenClaims() {}

    public static boolean isValidSource(String name) {
        return name != null && SOURCE_NAME.matcher(name).matches();
    }
}
