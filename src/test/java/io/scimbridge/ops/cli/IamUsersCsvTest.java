package io.scimbridge.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code iam-users report --format csv} from the report's JSON, and the CLI's usage errors (no server needed). */
class IamUsersCsvTest {

    @Test
    void oneLinePerIamUserWithListsJoinedAndCommasQuoted() throws Exception {
        var report = new ObjectMapper().readTree("""
                {"users": [{"accountId": "111111111111", "accountName": "prod, EU", "userName": "bob-admin",
                            "kind": "person-left", "usable": true, "person": "bob@example.com", "personState": "inactive",
                            "linkedBy": "iamUsers.match[1]", "password": false, "passwordLastUsed": null,
                            "activeKeys": ["AKIA1", "AKIA2"], "lastUsed": "2026-11-29T00:00:00Z", "mfaDevices": 1,
                            "groups": ["admins"], "attachedPolicies": [], "inlinePolicies": ["x"]}]}
                """);
        String[] lines = IamUsersCsv.render(report).split("\r\n");
        assertEquals(String.join(",", IamUsersCsv.COLUMNS), lines[0]);
        assertEquals("111111111111,\"prod, EU\",bob-admin,person-left,true,bob@example.com,inactive,iamUsers.match[1],"
                + "false,,AKIA1 AKIA2,2026-11-29T00:00:00Z,1,admins,,x", lines[1]);
    }

    @Test
    void unknownCommandsAndFormatsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AdminApiCli cli = new AdminApiCli(null, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(AdminApiCli.USAGE, cli.iamUsers(new String[] {"frobnicate"}));
        assertEquals(AdminApiCli.USAGE, cli.iamUsers(new String[] {"restore"}));
        assertEquals(AdminApiCli.USAGE, cli.iamUsers(new String[] {"report", "--format", "xml"}));
        assertEquals(true, err.toString(StandardCharsets.UTF_8).contains("iam-users restore NAME"));
    }
}
