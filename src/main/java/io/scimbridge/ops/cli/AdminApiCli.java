package io.scimbridge.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.auth.AuthSettings;
import io.scimbridge.auth.TokenGrant;
import io.scimbridge.auth.TokenMinter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CLI commands that need the running bridge's store ({@code assignments plan},
 * {@code rules preview FILE}, {@code guard status|release}): they ask the running server's admin API, with a five-minute admin
 * token minted from the same data dir, instead of opening the database a server holds.
 * The server is at {@code --url}, else http://127.0.0.1:$QUARKUS_HTTP_PORT (8080).
 */
public final class AdminApiCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AdminApiCli(AuthSettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** {@code assignments plan [--url URL]}. */
    public int assignments(String[] args) {
        if (args.length == 0 || !args[0].equals("plan")) {
            err.println("usage: assignments plan [--url http://127.0.0.1:8080]");
            return USAGE;
        }
        return call("GET", "/admin/assignments/plan", null, url(args));
    }

    /** {@code rules preview FILE [--url URL]}. */
    public int rulesPreview(String[] args) {
        if (args.length < 2) {
            err.println("usage: rules preview FILE [--url http://127.0.0.1:8080]");
            return USAGE;
        }
        try {
            return call("POST", "/admin/rules/preview", Files.readString(Path.of(args[1])), url(args));
        } catch (IOException e) {
            err.println("cannot read " + args[1] + ": " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * {@code guard status [--url URL]}: what the deprovisioning guard holds;
     * {@code guard release [NAME...] [--url URL]}: releases all held removals, or those named (key,
     * owner id or subject, as {@code guard status} lists them).
     */
    public int guard(String[] args) {
        if (args.length > 0 && args[0].equals("status")) {
            return call("GET", "/admin/guard", null, url(args));
        }
        if (args.length > 0 && args[0].equals("release")) {
            var names = JSON.createArrayNode();
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--url")) {
                    i++;
                } else {
                    names.add(args[i]);
                }
            }
            String body = JSON.createObjectNode().set("names", names).toString();
            return call("POST", "/admin/guard/release", body, "application/json", url(args));
        }
        err.println("usage: guard status [--url http://127.0.0.1:8080]");
        err.println("       guard release [NAME...] [--url http://127.0.0.1:8080]   (all held removals, or those named)");
        return USAGE;
    }

    private String url(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--url")) {
                return args[i + 1];
            }
        }
        String port = System.getenv().getOrDefault("QUARKUS_HTTP_PORT", "8080");
        return "http://127.0.0.1:" + port;
    }

    private int call(String method, String path, String body, String base) {
        return call(method, path, body, "application/yaml", base);
    }

    private int call(String method, String path, String body, String contentType, String base) {
        String token = TokenMinter.forDataDir(settings).mint(TokenGrant.forAdmin(), Duration.ofMinutes(5)).token();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                err.println("the bridge answered " + response.statusCode() + ": " + answer.path("detail").asText(response.body()));
                return FAILED;
            }
            out.print(answer.path("text").asText(answer.toPrettyString() + "\n"));
            return OK;
        } catch (IOException e) {
            err.println("cannot reach the bridge at " + base + " (" + e.getMessage() + "); is it running? use --url");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }
}
