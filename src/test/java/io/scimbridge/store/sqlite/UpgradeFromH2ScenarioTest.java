package io.scimbridge.store.sqlite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * An operator replaces an H2 release of the bridge with this one on the same data dir: the users
 * the old release accepted are served at once, and the H2 file stays beside the store as a backup
 * that only the owner can read.
 */
@QuarkusTest
@TestProfile(UpgradeFromH2ScenarioTest.DataDirOfAnH2Release.class)
class UpgradeFromH2ScenarioTest {

    private static final String ADA = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@example.com",\
            "name":{"givenName":"Ada","familyName":"Lovelace"},"active":true}""";

    /** A data dir as the H2 release left it, holding one user of Azure AD. */
    public static class DataDirOfAnH2Release implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dataDir = Files.createTempDirectory("h2-release-");
                Path store = Files.createDirectories(dataDir.resolve("store"));
                try (Connection old = H2Release.store(H2StoreImport.h2File(store))) {
                    H2Release.exec(old, "insert into scim_resource (pk, id, source, resource_type, name_key, name_value,"
                            + " external_id, active, document, version, created, last_modified) values (7, 'u-ada', 'azure',"
                            + " 'User', 'ada@example.com', 'ada@example.com', null, true, '" + ADA + "', 2,"
                            + " timestamp with time zone '2026-01-02 03:04:05.678+00:00',"
                            + " timestamp with time zone '2026-01-02 03:04:05.678+00:00')");
                    H2Release.exec(old, "insert into scim_attribute (resource_pk, path, elem, str_exact, str_ci, num, bool, ts)"
                            + " values (7, 'username', 0, 'ada@example.com', 'ada@example.com', null, null, null)");
                }
                return Map.of("bridge.data-dir", dataDir.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theUserTheH2ReleaseAcceptedIsServedAndTheBackupIsOwnerOnly() throws IOException {
        given().auth().oauth2(TestTokens.forSource("azure"))
                .get("/scim/v2/Users/u-ada")
                .then().statusCode(200)
                .body("userName", equalTo("ada@example.com"))
                .body("name.familyName", equalTo("Lovelace"))
                .body("meta.version", equalTo("W/\"2\""));
        given().auth().oauth2(TestTokens.forSource("azure"))
                .queryParam("filter", "userName eq \"ADA@example.com\"")
                .get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(1));

        Path store = ConfigProvider.getConfig().getValue("bridge.data-dir", Path.class).resolve("store");
        Path h2 = H2StoreImport.h2File(store);
        Path backup = H2StoreImport.backupName(h2);
        assertFalse(Files.exists(h2), "the H2 file is no longer where an H2 release would open it");
        assertTrue(Files.isRegularFile(backup));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
    }
}
