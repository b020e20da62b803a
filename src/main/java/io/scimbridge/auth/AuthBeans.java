package io.scimbridge.auth;

import io.quarkus.runtime.StartupEvent;
import io.scimbridge.store.StoreConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Wires the plain-Java token classes (shared with the CLI) into CDI. The key pair is loaded, or
 * created, when the server starts, so the first IdP request does not pay for it and the log says
 * which key is in use.
 */
@Singleton
class AuthBeans {

    private static final Logger LOG = Logger.getLogger(AuthBeans.class);

    @Produces
    @Singleton
    AuthSettings authSettings(AuthConfig config, StoreConfig store) {
        return new AuthSettings(store.dataDir(), config.issuer(), config.audience(), config.clockSkew());
    }

    /** The key files as they are now: re-read when {@code token rotate-key} (or a Secret update) changed them. */
    @Produces
    @Singleton
    LiveSigningKeys liveSigningKeys(AuthSettings settings) {
        return new LiveSigningKeys(settings.dataDir());
    }

    /** The current signing pair at the moment of injection; code that signs later should ask {@link LiveSigningKeys}. */
    @Produces
    @Dependent
    SigningKeys signingKeys(LiveSigningKeys keys) {
        return keys.get().current();
    }

    @Produces
    @Singleton
    TokenRegistry tokenRegistry(AuthSettings settings) {
        return new TokenRegistry(settings.dataDir());
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(AuthSettings settings, LiveSigningKeys keys, TokenRegistry registry, AuthClock clock) {
        return new TokenVerifier(settings, keys, new RevocationList(registry.revokedFile()), clock);
    }

    void logSigningKey(@Observes StartupEvent ignored, AuthSettings settings, LiveSigningKeys keys, AuthClock clock) {
        SigningKeyRing ring = keys.get();
        LOG.infof("Verifying bearer tokens with signing key %s from %s (issuer %s, audience %s)%s",
                ring.current().keyId(), SigningKeyStore.privateKeyFile(settings.dataDir()).getParent(),
                settings.issuer(), settings.audience(), ring.previousAcceptedAt(clock.instant())
                        .map(p -> "; tokens signed with the previous key " + p.keyId() + " are accepted until " + p.acceptedUntil())
                        .orElse(""));
    }
}
