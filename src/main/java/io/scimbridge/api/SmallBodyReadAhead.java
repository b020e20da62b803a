package io.scimbridge.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads a small SCIM request body on the event loop, before the request is handed to a worker
 * thread, so that the worker finds it in memory.
 *
 * <p>The SCIM endpoints are blocking (they write to the store) and read their body as a stream.
 * Without this, the worker that runs the endpoint asks the event loop for the body and waits for
 * it: two hand-overs between threads per write, for a body that has usually arrived with the
 * headers. That was 6 % of the request threads' CPU under a load of POSTs (async-profiler), plus
 * the event loop's side of it. Quarkus REST reads a body ahead only for non-blocking endpoints.
 *
 * <p>Only bodies framed by a Content-Length of at most {@link #MAX_BYTES} are read ahead, so what
 * is held in memory per request before authentication is bounded by that (about what the event
 * loop reads from a socket at once anyway), and only over HTTP/1.x. Anything else (larger, chunked,
 * {@code Expect: 100-continue}, HTTP/2) is read by the endpoint as before, which counts the bytes and answers 413 past
 * {@code bridge.scim.max-body-bytes}.
 */
@ApplicationScoped
public class SmallBodyReadAhead {

    /** A user, or a group PATCH of 100 members, is a few KiB. */
    static final int MAX_BYTES = 16 * 1024;

    void install(@Observes Router router) {
        router.route("/scim/v2/*").order(Integer.MIN_VALUE).handler(SmallBodyReadAhead::readAhead);
    }

    static void readAhead(RoutingContext context) {
        HttpServerRequest request = context.request();
        long length = parseLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        // HTTP/2 (h2c, as the JDK's HttpClient asks for it) streams: Quarkus REST pauses every request
        // it takes, and an HTTP/2 request that has been read refuses that
        if (length < 0 || length > MAX_BYTES || request.isEnded() || request.version() == HttpVersion.HTTP_2
                || !carriesBody(request.method())
                || request.headers().contains(HttpHeaders.EXPECT) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            context.next();
            return;
        }
        Buffer body = Buffer.buffer((int) length);
        request.handler(chunk -> {
            if (body.length() + chunk.length() > length) {
                // more than the Content-Length framed: not HTTP/1.1 as the decoder parses it; never buffered
                request.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(context::fail);
        request.endHandler(ended -> {
            context.setBody(body);
            context.next();
        });
        request.resume();
    }

    private static boolean carriesBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    /** A declared Content-Length; -1 when absent or not a plain decimal number. */
    static long parseLength(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }
}
