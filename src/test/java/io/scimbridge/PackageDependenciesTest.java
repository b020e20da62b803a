package io.scimbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' order of docs/architecture.md holds in the code: a package imports only packages
 * above it in that table, and every top-level package is in the table.
 */
class PackageDependenciesTest {

    /** docs/architecture.md, "Packages", top to bottom (a row of several packages is one layer). */
    private static final List<List<String>> LAYERS = List.of(
            List.of("scim"), List.of("store"), List.of("pacing"), List.of("auth", "correlation"), List.of("audit"), List.of("aws"),
            List.of("api"), List.of("resource"), List.of("rules"), List.of("guard"), List.of("identitycenter"), List.of("assignments"),
            List.of("revocation"), List.of("iamusers"), List.of("ops"));

    private static final Path MAIN = Path.of("src/main/java/io/scimbridge");
    private static final Pattern IMPORT = Pattern.compile("^import io\\.scimbridge\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void everyPackageIsInTheTable() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        TreeSet<String> documented = new TreeSet<>();
        LAYERS.forEach(documented::addAll);
        assertEquals(documented, packages, "top-level packages vs docs/architecture.md");
    }

    @Test
    void noPackageImportsOneBelowIt() throws IOException {
        List<String> upward = new ArrayList<>();
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            for (String pkg : LAYERS.get(layer)) {
                int from = layer;
                try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        Matcher m = IMPORT.matcher(read(f));
                        while (m.find()) {
                            int to = layerOf(m.group(1));
                            if (to > from) {
                                upward.add(MAIN.relativize(f) + " imports io.scimbridge." + m.group(1));
                            }
                        }
                    });
                }
            }
        }
        assertEquals(List.of(), upward);
    }

    private static int layerOf(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
