package io.scimbridge.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new RulesCli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aValidFileExitsZeroWithASummary() {
        int exit = run("check", "deploy/rules.example.yaml");

        assertEquals(RulesCli.OK, exit, err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith("deploy/rules.example.yaml: valid"), summary);
        assertTrue(summary.contains("groups: include 'displayName sw \"aws-\"'"), summary);
    }

    @Test
    void anInvalidFileExitsOneWithEveryErrorAsFileLineKeyMessage() throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                users:
                  exlude: 'userName co "#EXT#"'
                groups:
                  rename: { pattern: '^aws-(.*$', to: 'AWS-$1' }
                """);

        int exit = run("check", file.toString());

        assertEquals(RulesCli.INVALID, exit);
        assertEquals(List.of(
                file + ":2: users.exlude: unknown key (did you mean 'exclude'?); expected include, exclude, requireGroup, whenExcluded, attributes",
                file + ":4: groups.rename.pattern: bad regular expression '^aws-(.*$': Unclosed group at index 9",
                file + ": 2 errors"), errLines());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingFileExitsOne() {
        assertEquals(RulesCli.INVALID, run("check", dir.resolve("nope.yaml").toString()));
        assertTrue(errLines().getFirst().endsWith("nope.yaml: no such file"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(RulesCli.USAGE, run());
        assertEquals(RulesCli.USAGE, run("check"));
        assertEquals(RulesCli.USAGE, run("frobnicate"));
        assertEquals(RulesCli.OK, run("help"));
    }

    @Test
    void aBrokenAssignmentsSectionIsRefusedWithItsLineLikeAnyOtherError() throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                users:
                  include: 'active eq true'
                assignments:
                  - name: admins
                    groups: [aws-admins]
                    permissionSetz: [AdministratorAccess]
                    accounts: ['111111111111']
                """);

        int exit = run("check", file.toString());

        assertEquals(RulesCli.INVALID, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(errLines().stream().anyMatch(l -> l.startsWith(file + ":6: ") && l.contains("permissionSetz")),
                errLines().toString());
    }
}
