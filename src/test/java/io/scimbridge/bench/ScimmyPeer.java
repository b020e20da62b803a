package io.scimbridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The peer: src/test/resources/bench/peer (SCIMMY + scimmy-routers + express, in-memory handlers),
 * npm-installed into a temp dir and started with node on a free loopback port.
 */
final class ScimmyPeer implements AutoCloseable {

    private final Process process;
    private final int port;

    private ScimmyPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Installs and starts the peer; throws with the reason when node/npm or the registry is not there. */
    static ScimmyPeer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (String file : new String[] {"package.json", "peer.js"}) {
            try (InputStream in = ScimmyPeer.class.getResourceAsStream("/bench/peer/" + file)) {
                if (in == null) {
                    throw new IOException("missing test resource bench/peer/" + file);
                }
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile()).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IOException("npm install failed; see " + dir.resolve("npm-install.log"));
        }
        ProcessBuilder pb = new ProcessBuilder("node", "peer.js").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PORT", "0");
        Process node = pb.start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("listening ")) {
                        listening.complete(Integer.parseInt(line.substring("listening ".length()).trim()));
                    } else {
                        System.out.println("[peer] " + line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IOException("peer exited before listening"));
        });
        try {
            return new ScimmyPeer(node, listening.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            node.destroyForcibly();
            throw new IOException("peer did not start: " + e, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
