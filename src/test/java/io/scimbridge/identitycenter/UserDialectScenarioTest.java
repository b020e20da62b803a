package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.identitycenter.emulator.StoredUser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.scimbridge.testing.idp.IdpConnection;
import io.scimbridge.testing.idp.UserBody;
import io.scimbridge.testing.idp.PatchBody;
import io.scimbridge.testing.scenario.ForwarderScenario;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * Users Identity Center would refuse as the IdP sent them (three emails, no names), and a manager
 * that reaches Identity Center only after its report.
 */
@QuarkusTest
@Tag("postgresql")
@TestProfile(EmulatedIdentityCenterProfile.class)
class UserDialectScenarioTest extends ForwarderScenario {

    IdpConnection azure;

    @BeforeEach
    void connect() {
        azure = IdpConnection.azure();
    }

    @Test
    void threeEmailsAndNoNamesArriveAsOnePrimaryEmailAndDerivedNames() {
        azure.createUser(UserBody.azure("john.smith@contoso.com")
                .email("home", "john@home.example", false)
                .email("work", "john.smith@contoso.com", false)
                .email("other", "jsmith@old.example", false));
        azure.createUser(UserBody.azure("mary.major@contoso.com")
                .email("work", "mary.major@contoso.com", false)
                .email("home", "mary@home.example", true)
                .email("other", "mm@old.example", false));

        awaitIdentityCenterMirrorsBridge();
        StoredUser john = icUser("john.smith@contoso.com");
        assertEquals(Optional.of("john.smith@contoso.com"), john.email(), "no primary: the work email");
        assertEquals(1, john.attributes().get("emails").size());
        assertEquals(true, john.attributes().at("/emails/0/primary").asBoolean());
        assertEquals(List.of("John", "Smith", "John Smith"), List.of(john.givenName(), john.familyName(), john.displayName()));
        StoredUser mary = icUser("mary.major@contoso.com");
        assertEquals(Optional.of("mary@home.example"), mary.email(), "the primary email wins over the work one");
        assertEquals(List.of("Mary", "Major", "Mary Major"), List.of(mary.givenName(), mary.familyName(), mary.displayName()));
        assertEquals(List.of(), refusedRequests());
    }

    @Test
    void aUserGetsItsManagerOnceTheManagerExistsInIdentityCenter() {
        String report = azure.createUser(UserBody.azure("lee.gu@contoso.com").name("Lee", "Gu").workEmail());
        awaitIdentityCenterMirrorsBridge();
        // the manager reaches Identity Center only after its report
        String manager = azure.createUser(UserBody.azure("megan.bowen@contoso.com").name("Megan", "Bowen").workEmail());
        azure.patchUser(report, PatchBody.azure().replace(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", manager));

        awaitIdentityCenterMirrorsBridge();
        assertEquals(Optional.of(icUser("megan.bowen@contoso.com").id()), icUser("lee.gu@contoso.com").managerId());

        // Azure's removal: Remove without a value
        azure.patchUser(report, PatchBody.azure().remove("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"));
        awaitIdentityCenterMirrorsBridge();
        assertEquals(Optional.empty(), icUser("lee.gu@contoso.com").managerId());
        assertEquals(List.of(), refusedRequests());
    }
}
