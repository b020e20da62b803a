package io.scimbridge.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling, for the duration of one request under /scim/v2 or /admin: filled in by
 * {@link BearerAuthFilter} before any resource runs. Inject it where the source matters
 * (e.g. to keep each IdP's resources apart).
 */
@RequestScoped
public class Caller {

    private VerifiedToken token;

    /** The source (IdP connection) named by the token; null for an admin caller. */
    public String source() {
        return verified().source();
    }

    public boolean admin() {
        return verified().admin();
    }

    /** The jti of the token used: for audit logs. */
    public String tokenId() {
        return verified().id();
    }

    public boolean authenticated() {
        return token != null;
    }

    void authenticate(VerifiedToken verified) {
        this.token = verified;
    }

    private VerifiedToken verified() {
        if (token == null) {
            // a resource outside /scim/v2 and /admin asked who is calling: a programming error
            throw new IllegalStateException("No authenticated caller in this request");
        }
        return token;
    }
}
