package io.scimbridge.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issued-token metadata and revocations, as two append-only files in {@code <data-dir>/tokens}:
 * {@code issued.jsonl} (one JSON object per token) and {@code revoked.txt} ("jti revoked-at" per
 * line). Files rather than the database because the CLI writes them while the server holds the
 * database lock. Writers take {@code tokens.lock}; readers need no lock because every record is
 * one short appended line, and a torn last line (writer mid-append) is skipped until complete.
 */
public final class TokenRegistry {

    public static final String ISSUED_FILE = "issued.jsonl";
    public static final String REVOKED_FILE = "revoked.txt";
    private static final String LOCK_FILE = "tokens.lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public TokenRegistry(Path dataDir) {
        this.dir = dataDir.resolve("tokens");
    }

    public Path revokedFile() {
        return dir.resolve(REVOKED_FILE);
    }

    public void recordIssued(IssuedToken token) {
        String line = toJson(IssuedLine.of(token)) + "\n";
        locked(() -> {
            append(dir.resolve(ISSUED_FILE), line);
            return null;
        });
    }

    public List<IssuedToken> issued() {
        List<IssuedToken> tokens = new ArrayList<>();
        for (String line : completeLines(dir.resolve(ISSUED_FILE))) {
            try {
                tokens.add(JSON.readValue(line, IssuedLine.class).toIssuedToken());
            } catch (JsonProcessingException | RuntimeException skipped) {
                // a line we cannot read (hand-edited?) must not hide the others
            }
        }
        return tokens;
    }

    /** jti -> when it was revoked, in file order. */
    public Map<String, Instant> revoked() {
        return readRevoked(revokedFile());
    }

    /** Revokes {@code id} if it was issued here; check and append happen under one lock. */
    public RevokeOutcome revoke(String id, Instant now) {
        return locked(() -> {
            if (issued().stream().noneMatch(t -> t.id().equals(id))) {
                return RevokeOutcome.UNKNOWN_ID;
            }
            if (revoked().containsKey(id)) {
                return RevokeOutcome.ALREADY_REVOKED;
            }
            append(revokedFile(), id + " " + now + "\n");
            return RevokeOutcome.REVOKED;
        });
    }

    static Map<String, Instant> readRevoked(Path file) {
        Map<String, Instant> revoked = new LinkedHashMap<>();
        for (String line : completeLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts[0].isEmpty()) {
                continue;
            }
            Instant at = null;
            try {
                at = parts.length > 1 ? Instant.parse(parts[1]) : null;
            } catch (RuntimeException unparsable) {
                // the id is what matters; the time is informational
            }
            revoked.putIfAbsent(parts[0], at);
        }
        return revoked;
    }

    /** Lines that end with a newline: a line still being appended by another process is left out. */
    private static List<String> completeLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return text.substring(0, end).lines().filter(l -> !l.isBlank()).toList();
    }

    private <T> T locked(OwnerOnlyFiles.IoAction<T> action) {
        try {
            OwnerOnlyFiles.ensureDir(dir);
            return OwnerOnlyFiles.withLock(dir.resolve(LOCK_FILE), action);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the token registry in " + dir, e);
        }
    }

    /** One write of a whole line with O_APPEND, then fsync: a revocation must survive a crash. */
    private static void append(Path file, String line) throws IOException {
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(OwnerOnlyFiles.FILE))) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } catch (UnsupportedOperationException notPosix) {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The on-disk shape: JWT-style epoch seconds, so no Jackson time module is needed in the CLI. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IssuedLine(String jti, String source, boolean admin, long iat, long exp, String kid) {

        static IssuedLine of(IssuedToken t) {
            return new IssuedLine(t.id(), t.source(), t.admin(), t.issuedAt().getEpochSecond(), t.expiresAt().getEpochSecond(),
                    t.keyId());
        }

        IssuedToken toIssuedToken() {
            return new IssuedToken(jti, source, admin, Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp), kid);
        }
    }
}
