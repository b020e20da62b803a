package io.scimbridge;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.scimbridge.auth.AuthSettings;
import io.scimbridge.ops.cli.AdminApiCli;
import io.scimbridge.ops.cli.TokenCli;
import io.scimbridge.rules.RulesCli;
import java.time.Clock;
import java.util.Arrays;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One jar, two uses: without arguments it is the server; {@code token ...} runs the token CLI.
 * The CLI is dispatched here, before {@link Quarkus#run}, because booting Quarkus would try to
 * take the database lock and port 8080 that a running server already holds.
 */
@QuarkusMain
public final class BridgeMain {

    private BridgeMain() {}

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("serve")) {
            Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args[0].equals("token")) {
            System.exit(new TokenCli(cliSettings(), System.out, System.err, Clock.systemUTC())
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("rules") && rest.length > 0 && rest[0].equals("preview")) {
            System.exit(new AdminApiCli(cliSettings(), System.out, System.err).rulesPreview(rest));
        }
        if (args[0].equals("rules")) {
            System.exit(new RulesCli().run(rest, System.out, System.err));
        }
        if (args[0].equals("assignments")) {
            System.exit(new AdminApiCli(cliSettings(), System.out, System.err).assignments(rest));
        }
        if (args[0].equals("iam-users")) {
            System.exit(new AdminApiCli(cliSettings(), System.out, System.err).iamUsers(rest));
        }
        if (args[0].equals("guard")) {
            System.exit(new AdminApiCli(cliSettings(), System.out, System.err).guard(rest));
        }
        System.err.println("usage: java -jar quarkus-run.jar            (start the server)");
        System.err.println("       java -jar quarkus-run.jar token ...  (mint, revoke or list tokens, rotate-key; 'token help')");
        System.err.println("       java -jar quarkus-run.jar rules check FILE  (validate a rules file)");
        System.err.println("       java -jar quarkus-run.jar rules preview FILE  (what would change; asks the running bridge)");
        System.err.println("       java -jar quarkus-run.jar assignments plan   (the assignment plan; asks the running bridge)");
        System.err.println("       java -jar quarkus-run.jar iam-users report|plan|apply|restore  (IAM users to retire; 'iam-users help')");
        System.err.println("       java -jar quarkus-run.jar guard status|release [NAME...]  (held removals; asks the running bridge)");
        System.exit(TokenCli.USAGE);
    }

    /**
     * The data dir, issuer and audience as the server would see them (system properties, env
     * such as BRIDGE_DATA_DIR, application.properties), read through MicroProfile config without
     * starting Quarkus.
     */
    private static AuthSettings cliSettings() {
        return AuthSettings.fromConfig(ConfigProvider.getConfig());
    }
}
