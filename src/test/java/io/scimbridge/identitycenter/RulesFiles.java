package io.scimbridge.identitycenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A rules file for a test profile: written to a temp file once, deleted when the JVM exits. */
final class RulesFiles {

    private RulesFiles() {}

    static Path write(String prefix, String yaml) {
        try {
            Path file = Files.createTempFile(prefix, ".yaml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
