package io.scimbridge.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.scim.ScimErrorBody;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.ScimMediaType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 * loop reads from a socket at once anyway), and only over HTTP/1.x. Anything else (larger,
 * chunked, {@code Expect: 100-continue}, HTTP/2) is read by the endpoint as before, which counts
 * the bytes and answers 413 past {@code bridge.scim.max-body-bytes}. A body that has not arrived
 * whole within {@code quarkus.http.read-timeout} (Quarkus's timeout for a blocking read, 60 s by
 * default) is answered 400 invalidSyntax, and its connection closed.
 */
@ApplicationScoped
public class SmallBodyReadAhead {

    /** A user, or a group PATCH of 100 members, is a few KiB. */
    static final int MAX_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long readTimeoutMillis;

    /**
     * @param readTimeout how long a body may take to arrive: Quarkus's timeout for blocking reads,
     *                    which a streamed body gets too
     */
    public SmallBodyReadAhead(@ConfigProperty(name = "quarkus.http.read-timeout", defaultValue = "60s") Duration readTimeout) {
        this.readTimeoutMillis = Math.max(1, readTimeout.toMillis());
    }

    void install(@Observes Router router) {
        router.route("/scim/v2/*").order(Integer.MIN_VALUE).handler(this::readAhead);
    }

    void readAhead(RoutingContext context) {
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
        // a body that stops half-way holds no worker, and not its connection for longer than this
        long timer = context.vertx().setTimer(readTimeoutMillis, fired -> unreadable(context));
        // a client that went away is owed nothing, and is not an error of ours to log
        request.exceptionHandler(failure -> {
            context.vertx().cancelTimer(timer);
            unreadable(context);
        });
        request.endHandler(ended -> {
            context.vertx().cancelTimer(timer);
            context.setBody(body);
            context.next();
        });
        request.resume();
    }

    /**
     * 400 invalidSyntax, as {@link ScimRequestBody} answers a body it cannot read, then the
     * connection closes; nothing when the connection is gone already.
     */
    private static void unreadable(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        byte[] error;
        try {
            error = JSON.writeValueAsBytes(ScimErrorBody.of(ScimException.invalidSyntax("The body could not be read")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, ScimMediaType.SCIM_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close").end(Buffer.buffer(error))
                .onComplete(written -> context.request().connection().close());
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
