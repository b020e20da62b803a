package io.scimbridge.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The ES256 (P-256) key pair in {@code <data-dir>/keys}: {@code signing-key.pem} (PKCS#8, 0600)
 * and {@code signing-key.pub.pem} (SPKI). Created on first use by whichever of server and CLI
 * gets there first; a lock file makes that race harmless.
 */
public final class SigningKeyStore {

    public static final String PRIVATE_KEY_FILE = "signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";
    private static final String LOCK_FILE = ".keys.lock";

    private SigningKeyStore() {}

    public static Path privateKeyFile(Path dataDir) {
        return dataDir.resolve("keys").resolve(PRIVATE_KEY_FILE);
    }

    /** Loads the key pair from the data dir, creating it first if there is none. */
    public static SigningKeys loadOrCreate(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        Path existingPrivate = dir.resolve(PRIVATE_KEY_FILE);
        Path existingPublic = dir.resolve(PUBLIC_KEY_FILE);
        try {
            if (Files.exists(existingPrivate) && Files.exists(existingPublic)) {
                // Nothing to create, so no lock: the folder may be a read-only mount (a
                // Kubernetes Secret shared by every replica).
                return load(existingPrivate, existingPublic);
            }
            OwnerOnlyFiles.ensureDir(dir);
            return OwnerOnlyFiles.withLock(dir.resolve(LOCK_FILE), () -> {
                Path priv = dir.resolve(PRIVATE_KEY_FILE);
                Path pub = dir.resolve(PUBLIC_KEY_FILE);
                if (!Files.exists(priv)) {
                    create(priv, pub);
                }
                return load(priv, pub);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key in " + dir, e);
        }
    }

    private static void create(Path priv, Path pub) throws IOException {
        KeyPair pair = generate();
        // public first: a private key file on disk then always has its public half next to it
        Files.deleteIfExists(pub);
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        OwnerOnlyFiles.createSecret(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
    }

    private static SigningKeys load(Path priv, Path pub) throws IOException {
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            PrivateKey privateKey = ec.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv))));
            PublicKey publicKey = ec.generatePublic(new X509EncodedKeySpec(der(Files.readString(pub))));
            return new SigningKeys(privateKey, publicKey, keyId(publicKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("The key files in " + priv.getParent() + " are not an EC (P-256) PEM key pair", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate P-256 keys", e);
        }
    }

    /** Stable and short: the first 16 base64url characters of the SHA-256 of the public key. */
    private static String keyId(PublicKey key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
