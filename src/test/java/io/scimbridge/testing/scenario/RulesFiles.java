package io.scimbridge.testing.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Rules files for test profiles: written to a temp file once and deleted when the JVM exits, or
 * replaced in one step while the bridge runs.
 */
public final class RulesFiles {

    private RulesFiles() {}

    public static Path write(String prefix, String yaml) {
        try {
            Path file = Files.createTempFile(prefix, ".yaml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the rules file in one step, as an editor's save or a deployment does. */
    public static void replace(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
