package io.scimbridge.rules;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The bridge reading its rules from a directory laid out as Kubernetes mounts a ConfigMap:
 * {@code rules.yaml -> ..data/rules.yaml}, {@code ..data -> ..v1}; an update writes a new version
 * directory and swaps the {@code ..data} symlink atomically. Checked every second (the
 * scheduler's shortest period).
 */
public class RulesFileProfile implements QuarkusTestProfile {

    static final Path DIR = createDir();
    static final Path RULES_FILE = DIR.resolve("rules.yaml");
    static final String INITIAL = """
            groups:
              include: 'displayName sw "aws-"'
            """;

    private static int versions;

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("bridge-rules");
            Path v1 = Files.createDirectory(dir.resolve("..v1"));
            Files.writeString(v1.resolve("rules.yaml"), INITIAL);
            Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
            Files.createSymbolicLink(dir.resolve("rules.yaml"), Path.of("..data/rules.yaml"));
            versions = 1;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes new content the way the kubelet updates a ConfigMap volume. */
    static synchronized void publish(String content) throws IOException {
        Path version = Files.createDirectory(DIR.resolve("..v" + ++versions));
        Files.writeString(version.resolve("rules.yaml"), content);
        Path tmp = DIR.resolve("..data_tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(version.getFileName().toString()));
        Files.move(tmp, DIR.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.test-port", "0",
                "bridge.rules-file", RULES_FILE.toString(),
                "bridge.rules-check-interval", "1s");
    }
}
