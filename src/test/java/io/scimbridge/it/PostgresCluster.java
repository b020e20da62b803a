package io.scimbridge.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away PostgreSQL cluster of the drill's own (never the shared one CI starts on 55432,
 * which other tests use), driven by .ci/postgres-cluster.sh so CI and the drills start clusters the
 * same way.
 */
final class PostgresCluster implements AutoCloseable {

    private static final Path SCRIPT = Path.of(".ci/postgres-cluster.sh");

    private final Path dir;
    private final int port;

    private PostgresCluster(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Whether Debian's PostgreSQL binaries are installed (CI installs them; elsewhere they may be absent). */
    static boolean available() {
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return dirs.anyMatch(d -> Files.isExecutable(d.resolve("bin/initdb")));
        } catch (IOException e) {
            return false;
        }
    }

    /** initdb + start on a free port, in a fresh directory under the system temp dir (postgres must reach it). */
    static PostgresCluster start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bridge-drill-pg");
        PostgresCluster cluster = new PostgresCluster(dir, freePort());
        cluster.run("start", Integer.toString(cluster.port));
        return cluster;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/bridge";
    }

    void stop() throws IOException, InterruptedException {
        run("stop");
    }

    void startAgain() throws IOException, InterruptedException {
        run("start", Integer.toString(port));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("stop");
        } catch (IllegalStateException alreadyStopped) {
            // stopped by the drill and left so by a failure
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void run(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>(java.util.List.of("bash", SCRIPT.toString()));
        command.add(args[0]);
        command.add(dir.toString());
        command.addAll(java.util.List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("postgres-cluster.sh " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
