package io.scimbridge.rules;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code rules check FILE}: validates a rules file exactly as the server would load it, without
 * booting Quarkus (so it runs next to a server, in CI, or in a pre-commit hook).
 *
 * <p>Valid: a short summary on stdout, exit 0. Invalid: every error on stderr as
 * {@code FILE:LINE: key: message}, exit 1. Usage errors: exit 2.
 */
public final class RulesCli {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: rules check FILE    validate a rules file (exit 0 valid, 1 invalid)
              FILE: a rules file such as deploy/rules.example.yaml""";

    /** @param args what follows {@code rules} on the command line */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        return switch (args[0]) {
            case "help", "--help", "-h" -> {
                out.println(USAGE_TEXT);
                yield OK;
            }
            case "check" -> args.length == 2 ? check(args[1], out, err)
                    : usage(err, args.length < 2 ? "check needs the rules file" : "check takes one file");
            default -> usage(err, "unknown rules command: " + args[0]);
        };
    }

    private int check(String fileName, PrintStream out, PrintStream err) {
        Rules rules;
        try {
            rules = RulesParser.parse(Path.of(fileName));
        } catch (NoSuchFileException e) {
            err.println(fileName + ": no such file");
            return INVALID;
        } catch (IOException e) {
            err.println(fileName + ": cannot read: " + e.getMessage());
            return INVALID;
        } catch (InvalidRulesException e) {
            List<RulesError> errors = e.errors();
            errors.forEach(error -> err.println(error.format(fileName)));
            err.println(fileName + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
            return INVALID;
        }
        out.println(fileName + ": valid");
        rules.summary().forEach(line -> out.println("  " + line));
        return OK;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
