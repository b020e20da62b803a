package io.scimbridge.bench;

import io.scimbridge.testing.idp.ScimOverHttp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The benchmarks' HTTP/1.1 client: blocking sockets kept alive, one request in flight per
 * connection, as wrk drives a server. The JDK's {@code HttpClient} cost the load generator about
 * as much CPU per request as the bridge spends answering an existence check, on the same 2 cores,
 * so it measured itself as much as the servers (docs/performance.md, "The load generator").
 *
 * <p>Enough of HTTP/1.1 for the two servers it talks to: answers framed by Content-Length or
 * chunked, or without a body (1xx, 204, 304, HEAD); {@code Connection: close} honoured.
 */
final class KeptAliveHttp1 implements AutoCloseable {

    /** A connection idle longer than this may have been closed by the server (Node's default: 5 s). */
    private static final long STALE_AFTER_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final InetSocketAddress address;
    private final String hostHeader;
    private final String authorization;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    /**
     * @param base          {@code http://host:port}
     * @param authorization the Authorization header value, or null for none
     */
    KeptAliveHttp1(String base, String authorization, Duration connectTimeout, Duration readTimeout) {
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("plain http only: " + base);
        }
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.hostHeader = uri.getHost() + ":" + uri.getPort();
        this.authorization = authorization;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /** Sends one request on an idle connection (or a new one); {@code body} null for none. */
    ScimOverHttp.Answer send(String method, String path, String body) throws IOException {
        byte[] request = request(method, path, body);
        long start = System.nanoTime();
        Connection reused = takeIdle(start);
        if (reused != null) {
            try {
                return exchange(reused, method, request, start);
            } catch (Unanswered e) {
                // closed by the server while idle, as our request arrived: it was not answered, so send it anew
                reused.close();
            }
        }
        return exchange(open(), method, request, start);
    }

    private Connection takeIdle(long now) {
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (now - c.lastUsed < STALE_AFTER_NANOS) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private ScimOverHttp.Answer exchange(Connection c, String method, byte[] request, long start) throws IOException {
        try {
            c.out.write(request);
            c.out.flush();
            Parsed answer = c.read(method.equals("HEAD"));
            if (answer.keepAlive) {
                c.lastUsed = System.nanoTime();
                idle.offerFirst(c);
            } else {
                c.close();
            }
            return new ScimOverHttp.Answer(answer.status, answer.body, answer.contentType, answer.retryAfter,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            return new Connection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private byte[] request(String method, String path, String body) {
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Accept: ").append(ScimOverHttp.SCIM_JSON).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (content != null) {
            head.append("Content-Type: ").append(ScimOverHttp.SCIM_JSON).append("\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        if (content == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        return all;
    }

    @Override
    public void close() {
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }

    /** The server closed a kept-alive connection before answering anything. */
    private static final class Unanswered extends IOException {
        Unanswered() {
            super("connection closed before an answer");
        }
    }

    private record Parsed(int status, String body, String contentType, String retryAfter, boolean keepAlive) {}

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private long lastUsed;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        Parsed read(boolean head) throws IOException {
            String statusLine = line(true);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            String contentType = null;
            String retryAfter = null;
            int headerBytes = statusLine.length();
            for (String line = line(false); !line.isEmpty(); line = line(false)) {
                headerBytes += line.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("answer headers over " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "content-type" -> contentType = value;
                    case "retry-after" -> retryAfter = value;
                    default -> { }
                }
            }
            String body;
            if (head || status / 100 == 1 || status == 204 || status == 304) {
                body = "";
            } else if (chunked) {
                body = chunked();
            } else if (length >= 0) {
                body = new String(in.readNBytes(Math.toIntExact(length)), StandardCharsets.UTF_8);
            } else {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                close = true;
            }
            return new Parsed(status, body, contentType, retryAfter, !close);
        }

        private String chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(false);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!line(false).isEmpty()) {
                        // trailers: none of interest
                    }
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(n));
                line(false); // the CRLF after the chunk
            }
        }

        /** One CRLF-terminated line, without it; at the very start of an answer, EOF means it never came. */
        private String line(boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (first && line.isEmpty()) {
                        throw new Unanswered();
                    }
                    throw new EOFException("connection closed inside an answer");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() > MAX_HEADER_BYTES) {
                    throw new IOException("answer line over " + MAX_HEADER_BYTES + " bytes");
                }
                line.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
