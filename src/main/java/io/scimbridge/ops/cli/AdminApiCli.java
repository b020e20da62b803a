package io.scimbridge.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.auth.AuthSettings;
import io.scimbridge.auth.TokenGrant;
import io.scimbridge.auth.TokenMinter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    static final String IAM_USERS_USAGE = """
            usage: iam-users report [--format table|csv|json] [--refresh]   the classified IAM users
                   iam-users plan [--user ACCOUNT/NAME]...                  the retirement stages proposed
                   iam-users apply [--user ACCOUNT/NAME]...                 carry them out (mode apply only)
                   iam-users restore NAME|ACCOUNT/NAME                      undo stage 1: keys Active again
              all: [--url http://127.0.0.1:8080]""";

    /** {@code iam-users report|plan|apply|restore ...}: docs/retire-iam-users.md. */
    public int iamUsers(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        String users = option(args, "--user", true).stream()
                .map(u -> "user=" + URLEncoder.encode(u, StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).map(q -> "?" + q).orElse("");
        return switch (command) {
            case "report" -> {
                String format = option(args, "--format", false).stream().findFirst().orElse("table");
                String path = "/admin/iam-users" + (Arrays.asList(args).contains("--refresh") ? "?refresh=true" : "");
                yield switch (format) {
                    case "table" -> call("GET", path, null, url(args));
                    case "json", "csv" -> fetch("GET", path, null, url(args)).map(answer -> {
                        out.print(format.equals("csv") ? IamUsersCsv.render(answer) : answer.toPrettyString() + "\n");
                        return OK;
                    }).orElse(FAILED);
                    default -> {
                        err.println("--format is table, csv or json");
                        yield USAGE;
                    }
                };
            }
            case "plan" -> call("GET", "/admin/iam-users/plan" + users, null, url(args));
            case "apply" -> call("POST", "/admin/iam-users/apply" + users, null, url(args));
            case "restore" -> args.length >= 2 && !args[1].startsWith("--")
                    ? call("POST", "/admin/iam-users/restore?user="
                            + URLEncoder.encode(args[1], StandardCharsets.UTF_8), null, url(args))
                    : usage(IAM_USERS_USAGE);
            default -> usage(IAM_USERS_USAGE);
        };
    }

    private int usage(String text) {
        err.println(text);
        return USAGE;
    }

    /** Every value of {@code name} (or only the first when {@code many} is false). */
    private static List<String> option(String[] args, String name, boolean many) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                values.add(args[i + 1]);
                if (!many) {
                    break;
                }
            }
        }
        return values;
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
        return fetch(method, path, body, contentType, base).map(answer -> {
            out.print(answer.path("text").asText(answer.toPrettyString() + "\n"));
            return OK;
        }).orElse(FAILED);
    }

    private Optional<JsonNode> fetch(String method, String path, String body, String base) {
        return fetch(method, path, body, "application/yaml", base);
    }

    /** The bridge's JSON answer, or empty after saying on stderr what went wrong. */
    private Optional<JsonNode> fetch(String method, String path, String body, String contentType, String base) {
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
                return Optional.empty();
            }
            return Optional.of(answer);
        } catch (IOException e) {
            err.println("cannot reach the bridge at " + base + " (" + e.getMessage() + "); is it running? use --url");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
