package io.scimbridge.testing.idp;

import static io.scimbridge.testing.idp.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A person as an IdP knows them, independent of the client's dialect: {@link AzureAd} and
 * {@link Okta} turn it into the body their connector would send.
 *
 * <pre>{@code
 * UserBuilder alice = UserBuilder.user("alice@contoso.com").name("Alice", "Smith")
 *         .workEmail("alice@contoso.com").phone("mobile", "+1 425 555 0101");
 * }</pre>
 */
public final class UserBuilder {

    private final ObjectNode core = obj();
    private final ObjectNode enterprise = obj();

    private UserBuilder(String userName) {
        core.put("userName", userName);
    }

    public static UserBuilder user(String userName) {
        return new UserBuilder(userName);
    }

    public String userName() {
        return core.get("userName").asText();
    }

    public UserBuilder externalId(String externalId) {
        core.put("externalId", externalId);
        return this;
    }

    public UserBuilder active(boolean active) {
        core.put("active", active);
        return this;
    }

    /** name.givenName, name.familyName, and "given family" as name.formatted and displayName. */
    public UserBuilder name(String givenName, String familyName) {
        core.set("name", obj("formatted", givenName + " " + familyName, "familyName", familyName, "givenName", givenName));
        core.put("displayName", givenName + " " + familyName);
        return this;
    }

    /** Only name.givenName and name.familyName: a connector whose mapping has no formatted name. */
    public UserBuilder givenAndFamilyName(String givenName, String familyName) {
        core.set("name", obj("givenName", givenName, "familyName", familyName));
        return this;
    }

    public UserBuilder displayName(String displayName) {
        core.put("displayName", displayName);
        return this;
    }

    public UserBuilder title(String title) {
        core.put("title", title);
        return this;
    }

    public UserBuilder preferredLanguage(String tag) {
        core.put("preferredLanguage", tag);
        return this;
    }

    public UserBuilder locale(String locale) {
        core.put("locale", locale);
        return this;
    }

    public UserBuilder workEmail(String address) {
        array("emails").add(obj("primary", true, "type", "work", "value", address));
        return this;
    }

    public UserBuilder phone(String type, String number) {
        array("phoneNumbers").add(obj("type", type, "value", number));
        return this;
    }

    public UserBuilder workAddress(String street, String locality, String region, String postalCode, String country) {
        array("addresses").add(obj("type", "work", "streetAddress", street, "locality", locality, "region", region,
                "postalCode", postalCode, "country", country,
                "formatted", street + "\n" + locality + ", " + region + " " + postalCode + "\n" + country));
        return this;
    }

    public UserBuilder employeeNumber(String value) {
        enterprise.put("employeeNumber", value);
        return this;
    }

    public UserBuilder department(String value) {
        enterprise.put("department", value);
        return this;
    }

    public UserBuilder division(String value) {
        enterprise.put("division", value);
        return this;
    }

    public UserBuilder costCenter(String value) {
        enterprise.put("costCenter", value);
        return this;
    }

    public UserBuilder organization(String value) {
        enterprise.put("organization", value);
        return this;
    }

    /** The manager as a reference to a user the bridge already knows. */
    public UserBuilder manager(String managerId) {
        enterprise.set("manager", obj("value", managerId));
        return this;
    }

    /** The core attributes (no schemas: each dialect adds its own). */
    public ObjectNode core() {
        return core.deepCopy();
    }

    /** The enterprise extension attributes, possibly empty. */
    public ObjectNode enterprise() {
        return enterprise.deepCopy();
    }

    private ArrayNode array(String name) {
        return core.has(name) ? (ArrayNode) core.get(name) : core.putArray(name);
    }
}
