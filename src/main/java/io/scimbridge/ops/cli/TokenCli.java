package io.scimbridge.ops.cli;

import io.scimbridge.auth.AuthSettings;
import io.scimbridge.auth.IssuedToken;
import io.scimbridge.auth.KeyRotation;
import io.scimbridge.auth.MintedToken;
import io.scimbridge.auth.RevokeOutcome;
import io.scimbridge.auth.SigningKeyRing;
import io.scimbridge.auth.SigningKeyRing.KeyStatus;
import io.scimbridge.auth.SigningKeyStore;
import io.scimbridge.auth.TokenGrant;
import io.scimbridge.auth.TokenMinter;
import io.scimbridge.auth.TokenRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code token mint|revoke|list|rotate-key}: plain Java, no Quarkus boot, so it runs next to a server that
 * holds the database lock and port 8080; it only touches the key and token files in the data
 * dir. Only the token goes to stdout on mint (scripts capture it); everything else is stderr.
 *
 * <p>Exit codes: 0 done, 1 refused (unknown id, bad data dir, a rotation inside the last cut-over), 2 usage error.
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
                   token rotate-key [--cut-over 30d] [--force] [--data-dir DIR]
              NAME: the IdP connection, [A-Za-z0-9._-]{1,64} (azure, okta, ...)
              --ttl: ISO-8601, e.g. P365D (default), P30D, PT12H
              --cut-over: until when tokens signed with the old key are still accepted:
                30d (default), 12h, P30D, 2026-12-31 (00:00 UTC), 2026-12-31T12:00:00Z, or now
              --force: rotate even while the key before is still in its cut-over (its tokens are refused at once)
              --data-dir: defaults to bridge.data-dir / BRIDGE_DATA_DIR / ./data""";

    private static final TemporalAmount DEFAULT_TTL = Duration.ofDays(365);
    private static final Duration DEFAULT_CUT_OVER = Duration.ofDays(30);

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
                case "rotate-key" -> rotateKey(effective, options);
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
        Optional<SigningKeyRing> keys = SigningKeyStore.findRing(settings.dataDir());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "SOURCE", "ISSUED", "EXPIRES", "KEY", "STATUS"});
        for (IssuedToken t : registry.issued()) {
            KeyStatus key = keys.map(k -> k.statusOf(t.keyId(), now)).orElse(KeyStatus.UNRECORDED);
            String status = revoked.containsKey(t.id()) ? "revoked"
                    : t.expiresAt().isBefore(now) ? "expired"
                    : key == KeyStatus.RETIRED ? "retired-key"
                    : key == KeyStatus.PREVIOUS ? "active-until-cut-over" : "active";
            rows.add(new String[] {t.id(), t.label(), t.issuedAt().toString(), t.expiresAt().toString(),
                    t.keyId() == null ? "-" : t.keyId(), status});
        }
        if (rows.size() == 1) {
            err.println("no tokens issued from " + settings.dataDir());
            return OK;
        }
        printTable(rows);
        boolean unrecorded = rows.stream().skip(1).anyMatch(row -> row[4].equals("-"));
        keys.ifPresent(k -> err.println(describe(k, now) + (unrecorded
                ? " (KEY \"-\": minted before key ids were recorded, signed with the key current then)" : "")));
        return OK;
    }

    private static String describe(SigningKeyRing keys, Instant now) {
        return "signing key " + keys.current().keyId() + keys.previous()
                .map(p -> p.acceptedAt(now)
                        ? "; tokens signed with the previous key " + p.keyId() + " are accepted until " + p.acceptedUntil()
                        : "; the previous key " + p.keyId() + " was retired at " + p.acceptedUntil())
                .orElse("");
    }

    private int rotateKey(AuthSettings settings, Map<String, String> options) {
        boolean force = options.remove("--force") != null;
        String cutOverText = options.remove("--cut-over");
        if (!options.isEmpty()) {
            return usage("unexpected option for rotate-key: " + options.keySet().iterator().next());
        }
        Instant now = clock.instant();
        Instant cutOver;
        try {
            cutOver = cutOverText == null ? now.plus(DEFAULT_CUT_OVER) : parseCutOver(cutOverText, now);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        KeyRotation outcome = SigningKeyStore.rotate(settings.dataDir(), cutOver, now, force);
        return switch (outcome) {
            case KeyRotation.Refused refused -> {
                err.printf("refused: tokens signed with the previous key %s are accepted until %s; rotating again now would"
                        + " refuse them before that. Wait until then, or add --force to refuse them at once.%n",
                        refused.previousKeyId(), refused.acceptedUntil());
                yield FAILED;
            }
            case KeyRotation.Rotated rotated -> {
                out.println(rotated.newKeyId());
                out.flush();
                err.printf("rotated: new tokens are signed with key %s; tokens signed with %s are %s%n", rotated.newKeyId(),
                        rotated.previousKeyId(), rotated.cutOver().isAfter(now)
                                ? "accepted until " + rotated.cutOver() + ", refused after"
                                : "refused from now on");
                rotated.dropped().ifPresent(d -> err.printf("dropped: tokens signed with %s (in its cut-over until now) are"
                        + " refused from now on%n", d));
                err.println("next: mint a new token for each source (token mint --source NAME) and give it to the IdP before"
                        + " the cut-over; token list shows which key signed each token. Several replicas: copy keys/ into the"
                        + " Secret (docs/operations.md, \"Rotate the signing key\").");
                yield OK;
            }
        };
    }

    /**
     * When the old key stops being accepted: {@code now}, a duration from now ({@code 30d},
     * {@code 12h}, ISO {@code P30D}/{@code PT12H}), a UTC date (its midnight) or an instant.
     */
    static Instant parseCutOver(String text, Instant now) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return now;
        }
        Instant cutOver;
        java.util.regex.Matcher shorthand = java.util.regex.Pattern.compile("(\\d+)([dh])").matcher(t);
        try {
            if (shorthand.matches()) {
                long n = Long.parseLong(shorthand.group(1));
                cutOver = now.plus(shorthand.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
            } else if (t.startsWith("P") || t.startsWith("p")) {
                cutOver = now.atOffset(ZoneOffset.UTC).plus(parseTtl(t.toUpperCase(java.util.Locale.ROOT))).toInstant();
            } else if (t.length() == 10) {
                cutOver = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                cutOver = OffsetDateTime.parse(t).toInstant();
            }
        } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--cut-over must be now, 30d, 12h, P30D, 2026-12-31 or 2026-12-31T12:00:00Z, got: " + text);
        }
        if (!cutOver.isAfter(now)) {
            throw new IllegalArgumentException("--cut-over " + text + " is not in the future (" + cutOver
                    + "); use --cut-over now to refuse the old key's tokens at once");
        }
        return cutOver;
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

    /** --flag VALUE pairs after the sub-command; --admin and --force are the flags without a value. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--admin") || name.equals("--force")) {
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
