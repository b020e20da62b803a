package io.scimbridge.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built jar run as a real process, as operators run it: for the tests that need a crash
 * (kill -9) or several replicas. Output goes to a log file beside its data dir.
 */
final class BridgeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path app;
    private final Path dataDir;
    private final Map<String, String> env;
    private final int port;
    private Process process;

    BridgeProcess(Path app, Path dataDir, Map<String, String> env) {
        this.app = app;
        this.dataDir = dataDir;
        this.env = env;
        this.port = freePort();
    }

    /** The jar under test: target/quarkus-app unless -Dbridge.app names another copy. */
    static Path builtApp() {
        return Path.of(System.getProperty("bridge.app", "target/quarkus-app"));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The operating-system process id of the running bridge (for /proc readings in benchmarks). */
    long pid() {
        return process.pid();
    }

    /** What the process printed so far (its log file). */
    String output() throws IOException {
        return Files.readString(log());
    }

    private Path log() {
        return dataDir.resolve("bridge-" + port + ".log");
    }

    BridgeProcess start() throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(java()));
        command.addAll(BridgeJvm.arguments());
        command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        process = pb.start();
        awaitReady(Duration.ofSeconds(60));
        return this;
    }

    private Map<String, String> environment() {
        Map<String, String> all = new HashMap<>(env);
        all.put("BRIDGE_DATA_DIR", dataDir.toString());
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        all.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        all.putIfAbsent("MALLOC_ARENA_MAX", BridgeJvm.MALLOC_ARENA_MAX); // as the image sets it
        return all;
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        int exit = process.waitFor();
        // On Linux destroyForcibly sends SIGKILL: the JVM reports 128 + 9. Anything else would mean
        // the bridge got a polite SIGTERM (shutdown hooks ran) and the crash drills prove nothing.
        if (exit != 137) {
            throw new IllegalStateException("expected death by SIGKILL (exit 137), got exit " + exit);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /** Mints a token with the jar's own CLI, as an operator would. */
    static String mintToken(Path app, Path dataDir, String source) throws IOException, InterruptedException {
        return mint(app, dataDir, "--source", source);
    }

    /** Mints an admin token (for /admin, e.g. the queue depth) with the jar's own CLI. */
    static String mintAdminToken(Path app, Path dataDir) throws IOException, InterruptedException {
        return mint(app, dataDir, "--admin");
    }

    private static String mint(Path app, Path dataDir, String... grant) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-jar", app.resolve("quarkus-run.jar").toString(),
                "token", "mint"));
        command.addAll(List.of(grant));
        command.addAll(List.of("--ttl", "PT1H"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("BRIDGE_DATA_DIR", dataDir.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String token = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || token.isEmpty()) {
            throw new IllegalStateException("token mint failed");
        }
        return token;
    }

    /** Re-augments a copy of the jar for another database kind, as the README tells operators. */
    static Path reaugmentedCopy(Path app, String dbKind, Path parent) throws IOException, InterruptedException {
        // The re-augmentation writes to <parent of the app>/quarkus-app: keep that name.
        Path target = parent.resolve("quarkus-app");
        try (var files = Files.walk(app)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(app.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
        Process p = new ProcessBuilder(List.of(java(), "-Dquarkus.launch.rebuild=true",
                "-Dquarkus.datasource.db-kind=" + dbKind, "-jar", target.resolve("quarkus-run.jar").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("re-augmentation for " + dbKind + " failed");
        }
        return target;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("bridge exited with " + process.exitValue() + "; see " + dataDir);
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100); // polling a condition with a deadline, not waiting for luck
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("bridge not ready within " + timeout);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
