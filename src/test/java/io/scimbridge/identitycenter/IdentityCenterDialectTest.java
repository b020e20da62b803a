package io.scimbridge.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code translate}: the source state rewritten into what Identity Center accepts. Table-driven;
 * JSON is written with single quotes for readability.
 */
class IdentityCenterDialectTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final IdentityCenterDialect DIALECT = new IdentityCenterDialect(NameDerivation.defaults());
    static final Function<String, Optional<String>> NO_MANAGERS = id -> Optional.empty();

    // ---- multi-valued attributes: one value, marked primary

    static Stream<Arguments> oneValueOfEachMultiValuedAttribute() {
        return Stream.of(
                row("no primary: the work email", "emails",
                        "[{'type':'home','value':'h@x'},{'type':'work','value':'w@x'},{'type':'other','value':'o@x'}]",
                        "[{'type':'work','value':'w@x','primary':true}]"),
                row("the primary wins over the work one", "emails",
                        "[{'type':'work','value':'w@x'},{'type':'home','value':'h@x','primary':true}]",
                        "[{'type':'home','value':'h@x','primary':true}]"),
                row("neither: the first", "emails",
                        "[{'type':'home','value':'a@x'},{'type':'other','value':'b@x'}]",
                        "[{'type':'home','value':'a@x','primary':true}]"),
                row("a value-less element does not count", "emails",
                        "[{'type':'work','value':' '},{'type':'home','value':'h@x'}]",
                        "[{'type':'home','value':'h@x','primary':true}]"),
                row("display sub-attribute dropped", "emails",
                        "[{'type':'work','value':'w@x','display':'Work mail'}]",
                        "[{'type':'work','value':'w@x','primary':true}]"),
                row("an empty list: none", "emails", "[]", null),
                row("one phone number", "phoneNumbers",
                        "[{'type':'mobile','value':'+1 555 0101'},{'type':'work','value':'+1 555 0100'}]",
                        "[{'type':'work','value':'+1 555 0100','primary':true}]"),
                row("one role", "roles", "[{'value':'reader'},{'value':'admin','primary':true}]",
                        "[{'value':'admin','primary':true}]"),
                row("a complete address", "addresses",
                        "[{'type':'work','streetAddress':'1 Main St','locality':'Seattle','region':'WA',"
                                + "'postalCode':'98101','country':'US','formatted':'1 Main St, Seattle'}]",
                        "[{'type':'work','streetAddress':'1 Main St','locality':'Seattle','region':'WA',"
                                + "'postalCode':'98101','country':'US','formatted':'1 Main St, Seattle','primary':true}]"),
                row("an incomplete primary address loses to a complete one", "addresses",
                        "[{'type':'work','locality':'Seattle','primary':true},{'type':'home','streetAddress':'2 Elm St',"
                                + "'locality':'Austin','region':'TX','postalCode':'73301','country':'US'}]",
                        "[{'type':'home','streetAddress':'2 Elm St','locality':'Austin','region':'TX',"
                                + "'postalCode':'73301','country':'US','primary':true}]"),
                row("an incomplete address alone: none", "addresses", "[{'type':'work','locality':'Seattle'}]", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void oneValueOfEachMultiValuedAttribute(String rule, String attribute, String values, String expected) {
        ObjectNode source = json("{'userName':'jane.doe@x.example'}");
        source.set(attribute, json(values));
        JsonNode out = DIALECT.user(source, NO_MANAGERS).get(attribute);
        assertEquals(expected == null ? null : json(expected), out, rule);
    }

    // ---- required names, derived when missing (NameDerivation through the dialect)

    static Stream<Arguments> requiredNames() {
        return Stream.of(
                row("from the userName's local part", "{'userName':'jane.doe@x.example'}", "Jane", "Doe", "Jane Doe"),
                row("hyphen and underscore separate too", "{'userName':'svc-backup_job@x.example'}", "Svc", "Job", "Svc Job"),
                row("one word: placeholder family name", "{'userName':'admin@x.example'}", "Admin", "-", "Admin"),
                row("from the displayName first", "{'userName':'u123@x.example','displayName':'Mary Ann Smith'}",
                        "Mary", "Smith", "Mary Ann Smith"),
                row("a given name is kept, the family name derived",
                        "{'userName':'jane.doe@x.example','name':{'givenName':'Janet'}}", "Janet", "Doe", "Janet"),
                row("blank names count as missing",
                        "{'userName':'jane.doe@x.example','name':{'givenName':' ','familyName':''},'displayName':' '}",
                        "Jane", "Doe", "Jane Doe"),
                row("everything sent: kept as sent",
                        "{'userName':'jd@x.example','displayName':'JD','name':{'givenName':'Jane','familyName':'Doe'}}",
                        "Jane", "Doe", "JD"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void requiredNames(String rule, String source, String givenName, String familyName, String displayName) {
        ObjectNode out = DIALECT.user(json(source), NO_MANAGERS);
        assertEquals(Map.of("givenName", givenName, "familyName", familyName, "displayName", displayName),
                Map.of("givenName", out.at("/name/givenName").asText(), "familyName", out.at("/name/familyName").asText(),
                        "displayName", out.path("displayName").asText()), rule);
    }

    static Stream<Arguments> nameDerivation() {
        NameDerivation defaults = NameDerivation.defaults();
        NameDerivation custom = new NameDerivation(true, "(none)");
        NameDerivation off = new NameDerivation(false, "-");
        return Stream.of(
                row(defaults, "jane.doe@x", null, null, null, new NameDerivation.Names("Jane", "Doe", "Jane Doe")),
                row(defaults, "first.middle.last@x", null, null, null, new NameDerivation.Names("First", "Last", "First Last")),
                row(defaults, "x@y", "Mary Ann Smith", null, null, new NameDerivation.Names("Mary", "Smith", "Mary Ann Smith")),
                row(defaults, "jane.doe@x", null, null, "Roe", new NameDerivation.Names("Jane", "Roe", "Roe")),
                row(defaults, "", null, null, null, new NameDerivation.Names("-", "-", "-")),
                row(custom, "root", null, null, null, new NameDerivation.Names("Root", "(none)", "Root")),
                row(off, "jane.doe@x", null, null, null, new NameDerivation.Names(null, null, null)));
    }

    @ParameterizedTest(name = "{1} / {2} / {3} / {4}")
    @MethodSource
    void nameDerivation(NameDerivation names, String userName, String displayName, String givenName, String familyName,
                        NameDerivation.Names expected) {
        assertEquals(expected, names.derive(userName, displayName, givenName, familyName));
    }

    // ---- attributes Identity Center refuses are dropped, the others kept

    static Stream<Arguments> attributes() {
        return Stream.of(
                row("password", "'Secret-1'", false),
                row("ims", "[{'value':'jane','type':'skype'}]", false),
                row("photos", "[{'value':'https://x/p.jpg'}]", false),
                row("x509Certificates", "[{'value':'MIIB'}]", false),
                row("entitlements", "[{'value':'e1'}]", false),
                row("groups", "[{'value':'g1','display':'G'}]", false),
                row("title", "''", false),
                row("title", "'Engineer'", true),
                row("nickName", "'JJ'", true),
                row("userType", "'Employee'", true),
                row("preferredLanguage", "'en-US'", true),
                row("locale", "'en-US'", true),
                row("timezone", "'Europe/Paris'", true),
                row("profileUrl", "'https://x/jane'", true),
                row("externalId", "'00u1'", true));
    }

    @ParameterizedTest(name = "{0} = {1}: kept {2}")
    @MethodSource
    void attributes(String attribute, String value, boolean kept) {
        ObjectNode source = json("{'userName':'jane.doe@x.example'}");
        source.set(attribute, json(value));
        ObjectNode out = DIALECT.user(source, NO_MANAGERS);
        assertEquals(kept ? json(value) : null, out.get(attribute));
    }

    @Test
    void activeDefaultsToTrueAndFalseIsKept() {
        assertEquals(true, DIALECT.user(json("{'userName':'a@x'}"), NO_MANAGERS).get("active").booleanValue());
        assertEquals(false, DIALECT.user(json("{'userName':'a@x','active':false}"), NO_MANAGERS).get("active").booleanValue());
    }

    // ---- the enterprise extension and the manager

    @Test
    void theManagerIsTranslatedToItsIdentityCenterIdWithoutDisplayName() {
        ObjectNode source = json("{'userName':'a@x','" + ScimSchemas.ENTERPRISE_USER + "':{'department':'R&D','costCenter':'42',"
                + "'manager':{'value':'bridge-boss','displayName':'The Boss','$ref':'../Users/bridge-boss'}}}");
        ObjectNode out = DIALECT.user(source, id -> id.equals("bridge-boss") ? Optional.of("ic-boss") : Optional.empty());
        assertEquals(json("{'department':'R&D','costCenter':'42','manager':{'value':'ic-boss'}}"), out.get(ScimSchemas.ENTERPRISE_USER));
        assertEquals(json("['" + ScimSchemas.USER + "','" + ScimSchemas.ENTERPRISE_USER + "']"), out.get("schemas"));
    }

    @Test
    void aManagerNotYetInIdentityCenterIsLeftOutAndSoIsAnEmptyExtension() {
        ObjectNode withDepartment = json("{'userName':'a@x','" + ScimSchemas.ENTERPRISE_USER
                + "':{'department':'R&D','manager':{'value':'bridge-boss'}}}");
        assertEquals(json("{'department':'R&D'}"), DIALECT.user(withDepartment, NO_MANAGERS).get(ScimSchemas.ENTERPRISE_USER));
        ObjectNode managerOnly = json("{'userName':'a@x','" + ScimSchemas.ENTERPRISE_USER + "':{'manager':{'value':'bridge-boss'}}}");
        ObjectNode out = DIALECT.user(managerOnly, NO_MANAGERS);
        assertFalse(out.has(ScimSchemas.ENTERPRISE_USER));
        assertEquals(json("['" + ScimSchemas.USER + "']"), out.get("schemas"));
    }

    // ---- purity and groups

    @Test
    void translationIsAPureFunctionOfTheSource() {
        ObjectNode source = json("{'userName':'jane.doe@x.example','emails':[{'type':'work','value':'w@x','display':'W'},"
                + "{'type':'home','value':'h@x'}],'name':{'givenName':'Jane'}}");
        ObjectNode before = source.deepCopy();
        assertEquals(DIALECT.user(source, NO_MANAGERS), DIALECT.user(source, NO_MANAGERS));
        assertEquals(before, source, "the source state is not changed by translation");
    }

    @Test
    void aGroupIsCreatedWithItsNameAndExternalIdOnly() {
        ObjectNode source = json("{'displayName':'Engineers','externalId':'e-1','members':[{'value':'u1'}]}");
        assertEquals(json("{'schemas':['" + ScimSchemas.GROUP + "'],'displayName':'Engineers','externalId':'e-1'}"),
                DIALECT.group(source));
        assertEquals(json("{'schemas':['" + ScimSchemas.GROUP + "'],'displayName':'Engineers'}"),
                DIALECT.group(json("{'displayName':'Engineers'}")));
    }

    private static Arguments row(Object... values) {
        return Arguments.of(values);
    }

    private static <T extends JsonNode> T json(String singleQuoted) {
        try {
            @SuppressWarnings("unchecked")
            T node = (T) JSON.readTree(singleQuoted.replace('\'', '"'));
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
