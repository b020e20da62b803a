package io.scimbridge.testing.idp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * A user as an IdP sends it to the bridge, created by {@link AzureAd} or {@link Okta} the way that
 * IdP shapes it (shared/docs/idp-clients.md), then adjusted step by step, as an IdP's later PUT
 * would send it ({@link UserBuilder} is the person before any dialect):
 * <pre>{@code
 * UserBody.azure("adele.vance@contoso.com").name("Adele", "Vance").workEmail().department("Sales")
 * UserBody.okta("jane@okta.example").noEmails().email("home", "jane@home.example", false)
 * }</pre>
 */
public final class UserBody {

    private final ObjectNode json;

    private UserBody(ObjectNode json) {
        this.json = json;
    }

    /** Azure AD's create: core + enterprise schemas, externalId, active, empty roles, meta.resourceType. */
    public static UserBody azure(String userName) {
        return new UserBody(AzureAd.createUser(
                UserBuilder.user(userName).externalId(UUID.randomUUID().toString()).active(true)));
    }

    /** Okta's create: a password (write-only), empty groups, locale, its own id as externalId. */
    public static UserBody okta(String userName) {
        return new UserBody(Okta.createUser(UserBuilder.user(userName).active(true).locale("en-US"), Okta.newUserId(),
                "Okta-sends-" + UUID.randomUUID()));
    }

    /** A user read back from the bridge (Okta's GET before PUT), to change and send again. */
    public static UserBody of(ObjectNode resource) {
        return new UserBody(resource.deepCopy());
    }

    public UserBody name(String givenName, String familyName) {
        json.putObject("name").put("givenName", givenName).put("familyName", familyName)
                .put("formatted", givenName + " " + familyName);
        return this;
    }

    public UserBody displayName(String displayName) {
        json.put("displayName", displayName);
        return this;
    }

    /** The userName as the work email, marked primary (what both IdPs send by default). */
    public UserBody workEmail() {
        return email("work", json.path("userName").asText(), true);
    }

    public UserBody email(String type, String value, boolean primary) {
        ObjectNode email = emails().addObject().put("type", type).put("value", value);
        if (primary) {
            email.put("primary", true);
        }
        return this;
    }

    public UserBody phone(String type, String value) {
        array("phoneNumbers").addObject().put("type", type).put("value", value);
        return this;
    }

    public UserBody title(String title) {
        json.put("title", title);
        return this;
    }

    public UserBody active(boolean active) {
        json.put("active", active);
        return this;
    }

    public UserBody department(String department) {
        enterprise().put("department", department);
        return this;
    }

    /** The enterprise manager, by the manager's bridge id (what the IdP knows). */
    public UserBody manager(String managerBridgeId) {
        enterprise().putObject("manager").put("value", managerBridgeId);
        return this;
    }

    public String userName() {
        return json.path("userName").asText();
    }

    public ObjectNode json() {
        return json.deepCopy();
    }

    private ArrayNode emails() {
        return array("emails");
    }

    private ArrayNode array(String attribute) {
        return json.has(attribute) ? (ArrayNode) json.get(attribute) : json.putArray(attribute);
    }

    private ObjectNode enterprise() {
        if (!json.has(ScimUrns.ENTERPRISE_USER)) {
            ArrayNode schemas = (ArrayNode) json.get("schemas");
            if (!schemas.toString().contains(ScimUrns.ENTERPRISE_USER)) {
                schemas.add(ScimUrns.ENTERPRISE_USER);
            }
            json.putObject(ScimUrns.ENTERPRISE_USER);
        }
        return (ObjectNode) json.get(ScimUrns.ENTERPRISE_USER);
    }
}
