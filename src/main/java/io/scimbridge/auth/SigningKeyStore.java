package io.scimbridge.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The ES256 (P-256) keys in {@code <data-dir>/keys}: {@code signing-key.pem} (PKCS#8) and
 * {@code signing-key.pub.pem} (SPKI), the current pair; after a rotation also
 * {@code previous-signing-key.pub.pem}, the public half of the pair before it, with its cut-over
 * in a text line above the PEM block (RFC 7468 lets parsers ignore such text). Every file is 0600
 * and replaced atomically (temporary file + move). Created on first use by whichever of server
 * and CLI gets there first; a lock file makes that race, and two rotations at once, harmless.
 */
public final class SigningKeyStore {

    public static final String PRIVATE_KEY_FILE = "signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";
    public static final String PREVIOUS_PUBLIC_KEY_FILE = "previous-signing-key.pub.pem";
    private static final String LOCK_FILE = ".keys.lock";
    private static final String ACCEPTED_UNTIL = "Accepted until: ";

    private SigningKeyStore() {}

    public static Path privateKeyFile(Path dataDir) {
        return keysDir(dataDir).resolve(PRIVATE_KEY_FILE);
    }

    static Path keysDir(Path dataDir) {
        return dataDir.resolve("keys");
    }

    /** Loads the current key pair from the data dir, creating it first if there is none. */
    public static SigningKeys loadOrCreate(Path dataDir) {
        Path dir = keysDir(dataDir);
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
                    write(priv, pub, generate());
                }
                return load(priv, pub);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing key in " + dir, e);
        }
    }

    /** The current pair (created if there is none) and the previous public key, if a rotation left one. */
    public static SigningKeyRing loadRing(Path dataDir) {
        SigningKeys current = loadOrCreate(dataDir);
        try {
            return new SigningKeyRing(current, loadPrevious(keysDir(dataDir).resolve(PREVIOUS_PUBLIC_KEY_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the previous signing key in " + keysDir(dataDir), e);
        }
    }

    /** The ring if the data dir has keys; nothing is created (for {@code token list}). */
    public static Optional<SigningKeyRing> findRing(Path dataDir) {
        Path dir = keysDir(dataDir);
        if (!Files.exists(dir.resolve(PRIVATE_KEY_FILE)) || !Files.exists(dir.resolve(PUBLIC_KEY_FILE))) {
            return Optional.empty();
        }
        return Optional.of(loadRing(dataDir));
    }

    /**
     * Makes a new key pair the signing key and keeps the current public key as the previous key,
     * accepted until {@code cutOver}. Refused while an earlier previous key is still accepted,
     * because replacing it would refuse its tokens before the cut-over the operator announced;
     * {@code force} replaces it anyway (its tokens are refused at once).
     */
    public static KeyRotation rotate(Path dataDir, Instant cutOver, Instant now, boolean force) {
        Path dir = keysDir(dataDir);
        loadOrCreate(dataDir);
        try {
            return OwnerOnlyFiles.withLock(dir.resolve(LOCK_FILE), () -> {
                Path priv = dir.resolve(PRIVATE_KEY_FILE);
                Path pub = dir.resolve(PUBLIC_KEY_FILE);
                Path previousFile = dir.resolve(PREVIOUS_PUBLIC_KEY_FILE);
                SigningKeys current = load(priv, pub);
                Optional<PreviousSigningKey> stillAccepted = loadPrevious(previousFile).filter(p -> p.acceptedAt(now));
                if (stillAccepted.isPresent() && !force) {
                    return new KeyRotation.Refused(stillAccepted.get().keyId(), stillAccepted.get().acceptedUntil());
                }
                // Order matters to a server reading concurrently: the previous key first (the
                // current key is still current, so nothing changes yet), then the new pair; a reader
                // that catches private and public from different pairs notices (see LiveSigningKeys).
                OwnerOnlyFiles.replaceSecret(previousFile, (ACCEPTED_UNTIL + cutOver + "\n"
                        + "Key id: " + current.keyId() + "\n"
                        + pem("PUBLIC KEY", current.publicKey().getEncoded())).getBytes(StandardCharsets.US_ASCII));
                KeyPair fresh = generate();
                write(priv, pub, fresh);
                return new KeyRotation.Rotated(keyId(fresh.getPublic()), current.keyId(), cutOver,
                        stillAccepted.map(PreviousSigningKey::keyId));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate the signing key in " + dir, e);
        }
    }

    /** True when the private key signs what the public key verifies: both files come from one rotation. */
    static boolean isPair(SigningKeys keys) {
        try {
            byte[] probe = "scim-bridge key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.privateKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(keys.publicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Private first, then public: a private key without its public half is never the newer of the two for long. */
    private static void write(Path priv, Path pub, KeyPair pair) throws IOException {
        OwnerOnlyFiles.replaceSecret(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        OwnerOnlyFiles.replaceSecret(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII));
    }

    private static SigningKeys load(Path priv, Path pub) throws IOException {
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            PrivateKey privateKey = ec.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv))));
            PublicKey publicKey = publicKey(Files.readString(pub));
            return new SigningKeys(privateKey, publicKey, keyId(publicKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("The key files in " + priv.getParent() + " are not an EC (P-256) PEM key pair", e);
        }
    }

    private static Optional<PreviousSigningKey> loadPrevious(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        try {
            Instant acceptedUntil = text.lines().filter(l -> l.startsWith(ACCEPTED_UNTIL)).findFirst()
                    .map(l -> Instant.parse(l.substring(ACCEPTED_UNTIL.length()).trim()))
                    .orElseThrow(() -> new IllegalArgumentException("no \"" + ACCEPTED_UNTIL.trim() + "\" line"));
            PublicKey key = publicKey(text.substring(text.indexOf("-----BEGIN")));
            return Optional.of(new PreviousSigningKey(keyId(key), key, acceptedUntil));
        } catch (GeneralSecurityException | IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IOException(file + " is not a PEM public key under an \"" + ACCEPTED_UNTIL + "<instant>\" line", e);
        }
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der(pem)));
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
    private static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The base64 between the first BEGIN and END lines; explanatory text around them is ignored. */
    private static byte[] der(String pem) {
        int begin = pem.indexOf("-----BEGIN");
        int end = pem.indexOf("-----END");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no PEM block");
        }
        String body = pem.substring(pem.indexOf('\n', begin) + 1, end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
