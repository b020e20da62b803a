package io.scimbridge.ops.cli;

import io.scimbridge.auth.AuthSettings;
import io.scimbridge.auth.IssuedToken;
import io.scimbridge.auth.MintedToken;
import io.scimbridge.auth.RevokeOutcome;
import io.scimbridge.auth.SigningKeyStore;
import io.scimbridge.auth.TokenGrant;
import io.scimbridge.auth.TokenMinter;
import io.scimbridge.auth.TokenRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code token mint|revoke|list}: plain Java, no Quarkus boot, so it runs next to a server that
 * holds the database lock and port 8080; it only touches the key and token files in the data
 * dir. Only the token goes to stdout on mint (scripts capture it); everything else is stderr.
 *
 * <p>Exit codes: 0 done, 1 refused (unknown id, bad data dir), 2 usage error.
 */
public final class TokenCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: token mint --source NAME [--ttl P365D] [--data-dir DIR]
                   token mint --admin [--ttl P365D] [--data-dir DIR]
                   token revoke --id JTI [--data-dir DIR]
                   token list [--data-dir DIR]
              NAME: the IdP connection, [A-Za-z0-9._-]{1,64} (azure, okta, ...)
              --ttl: ISO-8601, e.g. P365D (default), P30D, PT12H
              --data-dir: defaults to bridge.data-dir / BRIDGE_DATA_DIR / ./data""";

    private static final TemporalAmount DEFAULT_TTL = Duration.ofDays(365);

    private final AuthSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public TokenCli(AuthSettings settings, PrintStream out, PrintStream err, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** @param args what follows {@code token} on the command line */
    public int run(String... args) {
        if (args.length == 0 || isHelp(args[0])) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        AuthSettings effective = options.containsKey("--data-dir")
                ? settings.withDataDir(Path.of(options.remove("--data-dir")))
                : settings;
        try {
            return switch (args[0]) {
                case "mint" -> mint(effective, options);
                case "revoke" -> revoke(effective, options);
                case "list" -> list(effective, options);
                default -> usage("unknown token command: " + args[0]);
            };
        } catch (RuntimeException e) {
            // I/O trouble with the data dir, mostly: a message, not a stack trace
            err.println("error: " + e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
            return FAILED;
        }
    }

    private int mint(AuthSettings settings, Map<String, String> options) {
        boolean admin = options.remove("--admin") != null;
        String source = options.remove("--source");
        String ttlText = options.remove("--ttl");
        if (!options.isEmpty()) {
            return usage("unexpected option for mint: " + options.keySet().iterator().next());
        }
        if (admin == (source != null)) {
            return usage("mint needs exactly one of --source NAME or --admin");
        }
        TemporalAmount ttl;
        try {
            ttl = ttlText == null ? DEFAULT_TTL : parseTtl(ttlText);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        TokenGrant grant;
        try {
            grant = admin ? TokenGrant.forAdmin() : TokenGrant.forSource(source);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        MintedToken minted = new TokenMinter(settings, SigningKeyStore.loadOrCreate(settings.dataDir()),
                new TokenRegistry(settings.dataDir()), clock).mint(grant, ttl);
        out.println(minted.token());
        out.flush();
        IssuedToken t = minted.metadata();
        err.printf("minted %s token %s, expires %s (revoke with: token revoke --id %s)%n",
                t.admin() ? "an admin" : "a SCIM", t.id() + (t.admin() ? "" : " for source " + t.source()),
                t.expiresAt(), t.id());
        return OK;
    }

    private int revoke(AuthSettings settings, Map<String, String> options) {
        String id = options.remove("--id");
        if (id == null || !options.isEmpty()) {
            return usage("revoke needs --id JTI and nothing else");
        }
        RevokeOutcome outcome = new TokenRegistry(settings.dataDir()).revoke(id, clock.instant());
        return switch (outcome) {
            case REVOKED -> {
                err.println("revoked " + id + "; a running server refuses it from its next request");
                yield OK;
            }
            case ALREADY_REVOKED -> {
                err.println(id + " was already revoked");
                yield OK;
            }
            case UNKNOWN_ID -> {
                err.println("no token with id " + id + " was issued from " + settings.dataDir());
                yield FAILED;
            }
        };
    }

    private int list(AuthSettings settings, Map<String, String> options) {
        if (!options.isEmpty()) {
            return usage("unexpected option for list: " + options.keySet().iterator().next());
        }
        TokenRegistry registry = new TokenRegistry(settings.dataDir());
        Map<String, Instant> revoked = registry.revoked();
        Instant now = clock.instant();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "SOURCE", "ISSUED", "EXPIRES", "STATUS"});
        for (IssuedToken t : registry.issued()) {
            String status = revoked.containsKey(t.id()) ? "revoked"
                    : t.expiresAt().isBefore(now) ? "expired" : "active";
            rows.add(new String[] {t.id(), t.label(), t.issuedAt().toString(), t.expiresAt().toString(), status});
        }
        if (rows.size() == 1) {
            err.println("no tokens issued from " + settings.dataDir());
            return OK;
        }
        printTable(rows);
        return OK;
    }

    private void printTable(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line);
        }
    }

    /** Durations (PT12H, P30D) exactly; periods with years or months (P1Y) by the calendar. */
    static TemporalAmount parseTtl(String text) {
        TemporalAmount ttl;
        try {
            ttl = Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                ttl = Period.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--ttl must be an ISO-8601 duration such as P365D or PT12H, got: " + text);
            }
        }
        var epoch = Instant.EPOCH.atOffset(ZoneOffset.UTC);
        if (!epoch.plus(ttl).isAfter(epoch)) {
            throw new IllegalArgumentException("--ttl must be positive, got: " + text);
        }
        return ttl;
    }

    /** --flag VALUE pairs after the sub-command; --admin is the one flag without a value. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--admin")) {
                options.put(name, "true");
                continue;
            }
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unexpected argument: " + name);
            }
            if (options.put(name, args[++i]) != null) {
                throw new IllegalArgumentException(name + " given twice");
            }
        }
        return options;
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }
}
