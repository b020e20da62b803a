package io.scimbridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which paths the gate protects: every spelling of /scim/v2 and /admin, nothing else. */
class AuthPathTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "/scim/v2/Users, SCIM",
            "/scim/v2, SCIM",
            "/scim/v2/, SCIM",
            "scim/v2/Groups/1, SCIM",
            "//scim//v2/Users, SCIM",
            "/scim;x=1/v2/Users, SCIM",
            "/SCIM/V2/Users, SCIM",
            "/admin, ADMIN",
            "/admin/rules, ADMIN",
            "/Admin/x, ADMIN",
            "/q/health, -",
            "/q/metrics, -",
            "/, -",
            "'', -",
            "/scim, -",
            "/scim/v1/Users, -",
            "/administrator, -",
            "/scim/v2x, -",
    })
    void classifies(String path, ProtectedApi expected) {
        assertEquals(Optional.ofNullable(expected), ProtectedApi.of(path));
    }
}
