package io.scimbridge.auth;

import java.security.PrivateKey;
import java.security.PublicKey;

/** The bridge's own key pair; {@code keyId} goes into the JWS {@code kid} header to ease a future rotation. */
public record SigningKeys(PrivateKey privateKey, PublicKey publicKey, String keyId) {

    @Override
    public String toString() {
        return "SigningKeys[keyId=" + keyId + "]"; // never print key material
    }
}
