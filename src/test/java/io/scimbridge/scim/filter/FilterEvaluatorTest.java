package io.scimbridge.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.scim.schema.AttributeDef;
import io.scimbridge.scim.schema.AttributeType;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.Schema;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ENT = ScimSchemas.ENTERPRISE_USER;

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** RFC 7643 §8.2-like user; JSON written with ' for readability. */
    static final JsonNode USER = json("""
            {
              'schemas': ['urn:ietf:params:scim:schemas:core:2.0:User', '%s'],
              'id': '2819c223-7f76-453a-919d-413861904646',
              'externalId': 'Ext-ABC',
              'userName': 'Bjensen@Example.com',
              'name': {'formatted': 'Ms. Barbara J Jensen III', 'familyName': 'Jensen', 'givenName': 'Barbara'},
              'displayName': 'Babs Jensen',
              'nickName': '',
              'title': 'Tour Guide',
              'userType': 'Employee',
              'active': true,
              'emails': [
                {'value': 'bjensen@example.com', 'type': 'work', 'primary': true},
                {'value': 'babs@jensen.org', 'type': 'home'},
                {'value': 'Barbara@Example.ORG', 'type': 'other'}
              ],
              'phoneNumbers': [],
              'ims': [{'value': '', 'type': 'xmpp'}],
              'addresses': [{'type': 'work', 'locality': 'Hollywood'}],
              'meta': {'resourceType': 'User', 'created': '2010-01-23T04:56:22Z', 'lastModified': '2011-05-13T04:42:34Z'},
              '%s': {
                'employeeNumber': '701984',
                'department': 'Tour Operations',
                'costCenter': '',
                'manager': {'value': '26118915-6090-4610-87e4-49d8ca9f808d', 'displayName': 'John Smith'}
              }
            }""".formatted(ENT, ENT));

    /** Same kind of user, but every JSON key in another letter case than the schema's. */
    static final JsonNode ODD_CASE_USER = json("""
            {'UserName': 'alice', 'EMAILS': [{'Value': 'A@x.com', 'TYPE': 'work'}],
             'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': {'Department': 'IT'}}""");

    static final JsonNode GROUP = json("""
            {'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'id': 'g1', 'displayName': 'Admins',
             'members': [{'value': 'u1', 'display': 'Alice'}, {'value': 'U2', 'display': 'Bob'}]}""");

    /** Numeric attributes do not exist in the SCIM core schemas: a small test resource type has them. */
    static final ResourceSchema THING_SCHEMA = new ResourceSchema("Thing", "/Things", new Schema("urn:test:Thing", "Thing", "",
            List.of(AttributeDef.builder("loginCount", AttributeType.INTEGER).build(),
                    AttributeDef.builder("score", AttributeType.DECIMAL).build(),
                    AttributeDef.builder("tags", AttributeType.STRING).multiValued().build())), List.of());

    static final JsonNode THING = json("{'loginCount': 7, 'score': 1.50, 'tags': ['Red', 'green', null]}");

    static Stream<Arguments> cases() {
        ResourceSchema u = ScimSchemas.USER_RESOURCE;
        ResourceSchema g = ScimSchemas.GROUP_RESOURCE;
        return Stream.of(
                // eq / ne, caseExact
                row(u, USER, "userName eq \"bjensen@example.com\"", true),
                row(u, USER, "userName eq \"BJENSEN@EXAMPLE.COM\"", true),
                row(u, USER, "userName eq \"bjensen\"", false),
                row(u, USER, "userName ne \"bjensen\"", true),
                row(u, USER, "userName ne \"bjensen@EXAMPLE.com\"", false),
                row(u, USER, "id eq \"2819c223-7f76-453a-919d-413861904646\"", true),
                row(u, USER, "id eq \"2819C223-7F76-453A-919D-413861904646\"", false),
                row(u, USER, "externalId eq \"Ext-ABC\"", true),
                row(u, USER, "externalId eq \"ext-abc\"", false),
                row(u, USER, "externalId sw \"ext\"", false),
                row(u, USER, "externalId sw \"Ext\"", true),
                row(u, USER, "displayName eq \"Babs Jensen\"", true),
                // co / sw / ew
                row(u, USER, "userName co \"EXAMPLE\"", true),
                row(u, USER, "userName sw \"bjen\"", true),
                row(u, USER, "userName ew \".COM\"", true),
                row(u, USER, "userName ew \"org\"", false),
                row(u, USER, "userName co \"\"", true),
                // ordering on strings
                row(u, USER, "title gt \"Tour\"", true),
                row(u, USER, "title gt \"tour guide\"", false),
                row(u, USER, "title ge \"tour guide\"", true),
                row(u, USER, "title lt \"z\"", true),
                row(u, USER, "title le \"A\"", false),
                // sub-attributes
                row(u, USER, "name.familyName eq \"jensen\"", true),
                row(u, USER, "name.familyName co \"ENS\"", true),
                row(u, USER, "name.givenName sw \"X\"", false),
                row(u, USER, "name.middleName eq \"X\"", false),
                // pr
                row(u, USER, "title pr", true),
                row(u, USER, "name pr", true),
                row(u, USER, "nickName pr", false),
                row(u, USER, "phoneNumbers pr", false),
                row(u, USER, "preferredLanguage pr", false),
                row(u, USER, "ims pr", true),
                row(u, USER, "ims.value pr", false),
                row(u, USER, "emails.primary pr", true),
                row(u, USER, "groups pr", false),
                // null
                row(u, USER, "title eq null", false),
                row(u, USER, "title ne null", true),
                row(u, USER, "preferredLanguage eq null", true),
                row(u, USER, "nickName eq null", true),
                // absent attributes
                row(u, USER, "preferredLanguage ne \"en\"", true),
                row(u, USER, "preferredLanguage eq \"en\"", false),
                row(u, USER, "preferredLanguage gt \"a\"", false),
                row(u, USER, "preferredLanguage co \"\"", false),
                // booleans
                row(u, USER, "active eq true", true),
                row(u, USER, "active eq false", false),
                row(u, USER, "active ne false", true),
                row(u, USER, "active eq \"true\"", false),
                // multi-valued: any value matches; bare complex attribute means its value
                row(u, USER, "emails co \"example.org\"", true),
                row(u, USER, "emails.value co \"jensen.org\"", true),
                row(u, USER, "emails.value ew \"@nowhere.com\"", false),
                row(u, USER, "emails eq \"babs@jensen.org\"", true),
                row(u, USER, "emails.type eq \"home\"", true),
                row(u, USER, "emails.type eq \"mobile\"", false),
                row(u, USER, "emails.type ne \"work\"", false),
                row(u, USER, "emails.type ne \"mobile\"", true),
                row(u, USER, "emails.value gt \"bb\"", true),
                // value paths: ONE element must satisfy the whole inner filter
                row(u, USER, "emails[type eq \"work\" and value co \"@example.com\"]", true),
                row(u, USER, "emails[type eq \"home\" and value co \"@example.com\"]", false),
                row(u, USER, "emails.type eq \"home\" and emails.value co \"@example.com\"", true),
                row(u, USER, "emails[primary eq true]", true),
                row(u, USER, "emails[type eq \"home\" and primary eq true]", false),
                row(u, USER, "emails[not (type eq \"work\")]", true),
                row(u, USER, "emails[type eq \"work\"] and userName sw \"b\"", true),
                row(u, USER, "emails[type eq \"work\" or type eq \"home\"]", true),
                row(u, USER, "emails[primary eq false]", false),
                row(u, USER, "emails[primary ne true]", true),
                row(u, USER, "ims[type eq \"xmpp\" and value pr]", false),
                row(u, USER, "addresses[type eq \"WORK\" and locality eq \"hollywood\"]", true),
                row(u, USER, "phoneNumbers[type eq \"work\"]", false),
                row(u, USER, "not (phoneNumbers[type eq \"work\"])", true),
                // dateTime ordering is chronological
                row(u, USER, "meta.lastModified gt \"2011-05-13T04:42:33Z\"", true),
                row(u, USER, "meta.lastModified gt \"2011-05-13T04:42:34Z\"", false),
                row(u, USER, "meta.lastModified ge \"2011-05-13T04:42:34.000Z\"", true),
                row(u, USER, "meta.lastModified eq \"2011-05-13T06:42:34+02:00\"", true),
                row(u, USER, "meta.lastModified gt \"2011-05-13T05:00:00+02:00\"", true),
                row(u, USER, "meta.lastModified lt \"2011-05-14T00:00:00Z\"", true),
                row(u, USER, "meta.lastModified eq \"2011-05-13T04:42:34\"", true),
                row(u, USER, "meta.created lt \"2011-05-13T04:42:34Z\" and meta.lastModified ge \"2011-01-01T00:00:00Z\"", true),
                row(u, USER, "meta.lastModified lt \"garbage\"", true),
                row(u, USER, "meta.lastModified sw \"2011-05\"", true),
                // enterprise extension: qualified or not
                row(u, USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"tour operations\"", true),
                row(u, USER, "department eq \"Tour Operations\"", true),
                row(u, USER, "department eq \"Sales\"", false),
                row(u, USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true),
                row(u, USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87E4-49D8CA9F808D\"", false),
                row(u, USER, "manager.displayName eq \"john smith\"", true),
                row(u, USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr", true),
                row(u, USER, "employeeNumber pr", true),
                row(u, USER, "costCenter pr", false),
                row(u, USER, "division pr", false),
                row(u, USER, "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"BJ\"", true),
                // logic
                row(u, USER, "not (userName eq \"x\")", true),
                row(u, USER, "not (title pr)", false),
                row(u, USER, "title pr and userType eq \"Employee\"", true),
                row(u, USER, "title pr and userType eq \"Intern\"", false),
                row(u, USER, "userType eq \"Contractor\" or active eq true", true),
                row(u, USER, "userType eq \"Contractor\" or active eq false", false),
                row(u, USER, "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")", true),
                row(u, USER, "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", false),
                row(u, USER, "userType eq \"x\" or userType eq \"Employee\" and title pr", true),
                row(u, USER, "(userType eq \"x\" or userType eq \"Employee\") and nickName pr", false),
                // schemas (refused by the validator, but the evaluator answers it)
                row(u, USER, "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", true),
                row(u, USER, "schemas eq \"urn:example:other\"", false),
                // wrong JSON types never match
                row(u, USER, "userName eq 5", false),
                row(u, USER, "title gt 5", false),
                row(u, USER, "active eq 1", false),
                // JSON keys in a different letter case
                row(u, ODD_CASE_USER, "userName eq \"ALICE\"", true),
                row(u, ODD_CASE_USER, "emails.value eq \"a@x.com\"", true),
                row(u, ODD_CASE_USER, "emails[type eq \"work\" and value sw \"a@\"]", true),
                row(u, ODD_CASE_USER, "department eq \"it\"", true),
                row(u, ODD_CASE_USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"IT\"", true),
                // groups
                row(g, GROUP, "displayName eq \"admins\"", true),
                row(g, GROUP, "id eq \"G1\"", false),
                row(g, GROUP, "members.value eq \"u1\"", true),
                row(g, GROUP, "members.value eq \"U1\"", false),
                row(g, GROUP, "members eq \"U2\"", true),
                row(g, GROUP, "members.value ne \"u3\"", true),
                row(g, GROUP, "members.value ne \"u1\"", false),
                row(g, GROUP, "members[value eq \"u1\" and display eq \"alice\"]", true),
                row(g, GROUP, "members[value eq \"u1\" and display eq \"bob\"]", false),
                row(g, GROUP, "members.display sw \"B\"", true),
                // numbers, multi-valued simple attributes
                row(THING_SCHEMA, THING, "loginCount gt 5", true),
                row(THING_SCHEMA, THING, "loginCount eq 7", true),
                row(THING_SCHEMA, THING, "loginCount eq 7.0", true),
                row(THING_SCHEMA, THING, "loginCount lt 7", false),
                row(THING_SCHEMA, THING, "loginCount le 7", true),
                row(THING_SCHEMA, THING, "loginCount ne 8", true),
                row(THING_SCHEMA, THING, "loginCount eq \"7\"", false),
                row(THING_SCHEMA, THING, "loginCount co 7", false),
                row(THING_SCHEMA, THING, "score ge 1.5", true),
                row(THING_SCHEMA, THING, "score gt 1.49999", true),
                row(THING_SCHEMA, THING, "score lt -1e3", false),
                row(THING_SCHEMA, THING, "tags eq \"red\"", true),
                row(THING_SCHEMA, THING, "tags sw \"GR\"", true),
                row(THING_SCHEMA, THING, "tags ne \"blue\"", true),
                row(THING_SCHEMA, THING, "tags pr", true),
                row(THING_SCHEMA, THING, "unknownThing eq \"x\"", false),
                row(THING_SCHEMA, THING, "unknownThing ne \"x\"", true));
    }

    static Arguments row(ResourceSchema schema, JsonNode resource, String filter, boolean expected) {
        return arguments(schema, resource, filter, expected);
    }

    @ParameterizedTest(name = "{2} -> {3}")
    @MethodSource("cases")
    void evaluates(ResourceSchema schema, JsonNode resource, String filter, boolean expected) {
        assertEquals(expected, FilterEvaluator.matches(FilterParser.parse(filter), resource, schema));
    }

    /** Malformed resources: every filter answers (mostly false), none throws. */
    static final List<JsonNode> ODD_RESOURCES = List.of(
            json("{}"),
            json("{'userName': null, 'emails': 'not-an-array', 'name': 'just a string', 'meta': 5}"),
            json("{'emails': [null, 5, 'x', [], [{'value': 'nested'}], {'value': {'deep': true}}, {'type': null}]}"),
            json("{'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': ['not', 'an', 'object'],"
                    + " 'active': 'yes', 'meta': {'lastModified': 12345}, 'members': {'value': 'single'}}"),
            json("{'userName': {'value': 'obj'}, 'title': [true, 1.5, 'Tour'], 'name': {'familyName': ['a', 'b']}}"));

    static final List<String> ANY_FILTERS = List.of(
            "userName eq \"x\"", "userName ne \"x\"", "userName pr", "userName gt \"a\"", "emails co \"x\"",
            "emails.value sw \"n\"", "emails[type eq \"work\"]", "emails[value pr]", "name.familyName eq \"a\"",
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"", "active eq true", "department eq \"x\"",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\"",
            "members eq \"single\"", "title eq null", "title gt 1", "not (title co \"x\")");

    @Test
    void isTotalOnOddData() {
        for (JsonNode resource : ODD_RESOURCES) {
            for (String f : ANY_FILTERS) {
                Filter filter = FilterParser.parse(f);
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                        () -> FilterEvaluator.matches(filter, resource, ScimSchemas.USER_RESOURCE), f + " on " + resource);
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                        () -> FilterEvaluator.matches(filter, resource, null), f + " on " + resource);
            }
        }
    }

    @Test
    void oddDataAnswersSensibly() {
        JsonNode odd = ODD_RESOURCES.get(2);
        assertEquals(false, FilterEvaluator.matches(FilterParser.parse("emails[type eq \"work\"]"), odd, ScimSchemas.USER_RESOURCE));
        assertEquals(true, FilterEvaluator.matches(FilterParser.parse("emails eq \"x\""), odd, ScimSchemas.USER_RESOURCE));
        JsonNode nested = ODD_RESOURCES.get(4);
        assertEquals(true, FilterEvaluator.matches(FilterParser.parse("title eq \"tour\""), nested, ScimSchemas.USER_RESOURCE));
        assertEquals(true, FilterEvaluator.matches(FilterParser.parse("name.familyName eq \"B\""), nested, ScimSchemas.USER_RESOURCE));
    }

    @Test
    void nonObjectResourcesNeverMatch() {
        Filter f = FilterParser.parse("userName pr or not (userName pr)");
        assertFalse(FilterEvaluator.matches(f, null, ScimSchemas.USER_RESOURCE));
        assertFalse(FilterEvaluator.matches(f, json("[1, 2]"), ScimSchemas.USER_RESOURCE));
        assertFalse(FilterEvaluator.matches(f, json("\"text\""), ScimSchemas.USER_RESOURCE));
    }

    @Test
    void worksWithoutSchema() {
        assertEquals(true, FilterEvaluator.matches(FilterParser.parse("userName eq \"bjensen@example.com\""), USER, null));
        assertEquals(true, FilterEvaluator.matches(FilterParser.parse(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Tour Operations\""), USER, null));
        assertEquals(false, FilterEvaluator.matches(FilterParser.parse("department eq \"Tour Operations\""), USER, null));
    }
}
