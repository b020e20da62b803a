package io.scimbridge.aws.emulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server in front of one router ({@link AwsJsonRouter}, {@link AwsQueryRouter}), for an emulator started on its own. */
final class AwsJsonServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private AwsJsonServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static AwsJsonServer start(int port, HttpHandler router, String what) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + what + " emulator to port " + port, e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        return new AwsJsonServer(server, executor);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
