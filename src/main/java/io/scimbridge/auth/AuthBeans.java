package io.scimbridge.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    AuthSettings authSettings(AuthConfig config, @ConfigProperty(name = AuthSettings.DATA_DIR_KEY) Path dataDir) {
        return new AuthSettings(dataDir, config.issuer(), config.audience(), config.clockSkew());
    }

    @Produces
    @Singleton
    SigningKeys signingKeys(AuthSettings settings) {
        return SigningKeyStore.loadOrCreate(settings.dataDir());
    }

    @Produces
    @Singleton
    TokenRegistry tokenRegistry(AuthSettings settings) {
        return new TokenRegistry(settings.dataDir());
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(AuthSettings settings, SigningKeys keys, TokenRegistry registry) {
        return new TokenVerifier(settings, keys, new RevocationList(registry.revokedFile()));
    }

    void logSigningKey(@Observes StartupEvent ignored, AuthSettings settings, SigningKeys keys) {
        LOG.infof("Verifying bearer tokens with signing key %s from %s (issuer %s, audience %s)",
                keys.keyId(), SigningKeyStore.privateKeyFile(settings.dataDir()).getParent(),
                settings.issuer(), settings.audience());
    }
}
