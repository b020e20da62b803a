package io.scimbridge.scim.filter;

import static io.scimbridge.scim.filter.CompareOp.CO;
import static io.scimbridge.scim.filter.CompareOp.EQ;
import static io.scimbridge.scim.filter.CompareOp.EW;
import static io.scimbridge.scim.filter.CompareOp.GE;
import static io.scimbridge.scim.filter.CompareOp.GT;
import static io.scimbridge.scim.filter.CompareOp.LE;
import static io.scimbridge.scim.filter.CompareOp.LT;
import static io.scimbridge.scim.filter.CompareOp.NE;
import static io.scimbridge.scim.filter.CompareOp.SW;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.AttributePath;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.ScimSchemas;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {

    static final String ENT = ScimSchemas.ENTERPRISE_USER;
    static final String CORE = ScimSchemas.USER;

    // ---------------------------------------------------------------- readable AST factories

    /** "a" or "a.b" (no URN): the test never re-implements URN splitting. */
    static AttributePath p(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? AttributePath.of(dotted) : AttributePath.of(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    static AttributePath urn(String schema, String attribute, String sub) {
        return new AttributePath(schema, attribute, sub);
    }

    static Filter cmp(String path, CompareOp op, Object value) {
        return new Filter.Comparison(p(path), op, value);
    }

    static Filter cmp(AttributePath path, CompareOp op, Object value) {
        return new Filter.Comparison(path, op, value);
    }

    static Filter eq(String path, Object value) {
        return cmp(path, EQ, value);
    }

    static Filter pr(String path) {
        return new Filter.Present(p(path));
    }

    static Filter and(Filter l, Filter r) {
        return new Filter.And(l, r);
    }

    static Filter or(Filter l, Filter r) {
        return new Filter.Or(l, r);
    }

    static Filter not(Filter f) {
        return new Filter.Not(f);
    }

    static Filter vp(String path, Filter inner) {
        return new Filter.ValuePath(p(path), inner);
    }

    static final Object NULL = Filter.Null.INSTANCE;

    // ---------------------------------------------------------------- valid filters

    static Stream<Arguments> validFilters() {
        return Stream.of(
                // RFC 7644 §3.4.2.2 examples
                arguments("userName eq \"bjensen\"", eq("userName", "bjensen")),
                arguments("name.familyName co \"O'Malley\"", cmp("name.familyName", CO, "O'Malley")),
                arguments("userName sw \"J\"", cmp("userName", SW, "J")),
                arguments("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
                        cmp(urn(CORE, "userName", null), SW, "J")),
                arguments("title pr", pr("title")),
                arguments("meta.lastModified gt \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", GT, "2011-05-13T04:42:34Z")),
                arguments("meta.lastModified ge \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", GE, "2011-05-13T04:42:34Z")),
                arguments("meta.lastModified lt \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", LT, "2011-05-13T04:42:34Z")),
                arguments("meta.lastModified le \"2011-05-13T04:42:34Z\"", cmp("meta.lastModified", LE, "2011-05-13T04:42:34Z")),
                arguments("title pr and userType eq \"Employee\"", and(pr("title"), eq("userType", "Employee"))),
                arguments("title pr or userType eq \"Intern\"", or(pr("title"), eq("userType", "Intern"))),
                arguments("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", eq("schemas", ENT)),
                arguments("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
                        and(eq("userType", "Employee"), or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org")))),
                arguments("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
                        and(cmp("userType", NE, "Employee"),
                                not(or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org"))))),
                arguments("userType eq \"Employee\" and (emails.type eq \"work\")",
                        and(eq("userType", "Employee"), eq("emails.type", "work"))),
                arguments("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
                        and(eq("userType", "Employee"), vp("emails", and(eq("type", "work"), cmp("value", CO, "@example.com"))))),
                arguments("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
                        or(vp("emails", and(eq("type", "work"), cmp("value", CO, "@example.com"))),
                                vp("ims", and(eq("type", "xmpp"), cmp("value", CO, "@foo.com"))))),
                // URN-qualified extension attributes: split at the last ':'
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"",
                        cmp(urn(ENT, "employeeNumber", null), EQ, "701984")),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\"",
                        cmp(urn(ENT, "manager", "value"), EQ, "26118915")),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr",
                        new Filter.Present(urn(ENT, "manager", null))),
                arguments("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"]",
                        new Filter.ValuePath(urn(CORE, "emails", null), eq("type", "work"))),
                // what Azure AD / Okta send
                arguments("userName eq \"a@b.com\"", eq("userName", "a@b.com")),
                arguments("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"", eq("externalId", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef")),
                arguments("displayName eq \"Group, with \\\"quotes\\\"\"", eq("displayName", "Group, with \"quotes\"")),
                arguments("members[value eq \"2819c223\"]", vp("members", eq("value", "2819c223"))),
                arguments("members.value eq \"u1\"", eq("members.value", "u1")),
                arguments("groups.value eq \"g1\"", eq("groups.value", "g1")),
                arguments("members.$ref sw \"https://\"", cmp("members.$ref", SW, "https://")),
                // precedence and associativity
                arguments("a eq 1 or b eq 2 and c eq 3", or(eq("a", 1L), and(eq("b", 2L), eq("c", 3L)))),
                arguments("a eq 1 and b eq 2 or c eq 3", or(and(eq("a", 1L), eq("b", 2L)), eq("c", 3L))),
                arguments("(a eq 1 or b eq 2) and c eq 3", and(or(eq("a", 1L), eq("b", 2L)), eq("c", 3L))),
                arguments("a pr or b pr or c pr", or(or(pr("a"), pr("b")), pr("c"))),
                arguments("a pr and b pr and c pr", and(and(pr("a"), pr("b")), pr("c"))),
                arguments("not (a pr) and b pr", and(not(pr("a")), pr("b"))),
                arguments("(((userName eq \"x\")))", eq("userName", "x")),
                // case-insensitive keywords and operators
                arguments("userName EQ \"x\"", eq("userName", "x")),
                arguments("title PR", pr("title")),
                arguments("a Eq 1 AND b pr Or c pr", or(and(eq("a", 1L), pr("b")), pr("c"))),
                arguments("NOT (a pr)", not(pr("a"))),
                arguments("not(a pr)", not(pr("a"))),
                arguments("emails[not (type eq \"work\")]", vp("emails", not(eq("type", "work")))),
                arguments("emails[(type eq \"work\" or type eq \"home\") and primary eq true]",
                        vp("emails", and(or(eq("type", "work"), eq("type", "home")), eq("primary", true)))),
                // values
                arguments("active eq true", eq("active", true)),
                arguments("active eq FALSE", eq("active", false)),
                arguments("active ne True", cmp("active", NE, true)),
                arguments("title eq null", eq("title", NULL)),
                arguments("title ne NULL", cmp("title", NE, NULL)),
                arguments("n eq 0", eq("n", 0L)),
                arguments("n eq -12", eq("n", -12L)),
                arguments("n gt 1.5", cmp("n", GT, new BigDecimal("1.5"))),
                arguments("n lt 1e3", cmp("n", LT, new BigDecimal("1e3"))),
                arguments("n le -2.5E-2", cmp("n", LE, new BigDecimal("-2.5E-2"))),
                arguments("n eq 9223372036854775808", eq("n", new BigDecimal("9223372036854775808"))),
                arguments("title eq \"\"", eq("title", "")),
                arguments("displayName eq \"caf\\u00e9\"", eq("displayName", "café")),
                arguments("displayName eq \"a\\\\b\\/c\\td\\ne\"", eq("displayName", "a\\b/c\td\ne")),
                arguments("displayName eq \"ünïcødé ✓\"", eq("displayName", "ünïcødé ✓")),
                arguments("userName eq \"a'; DROP TABLE users; --\"", eq("userName", "a'; DROP TABLE users; --")),
                arguments("userName eq \"x\\\" or 1=1 --\"", eq("userName", "x\" or 1=1 --")),
                arguments("userName co \"and\"", cmp("userName", CO, "and")),
                arguments("userName ew \"pr\"", cmp("userName", EW, "pr")),
                // names and whitespace
                arguments("x-y_z9 eq \"v\"", eq("x-y_z9", "v")),
                arguments("  userName \t eq   \"x\"  ", eq("userName", "x")),
                arguments("userName eq\"x\"", eq("userName", "x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void parsesValidFilters(String input, Filter expected) {
        assertEquals(expected, FilterParser.parse(input));
    }

    // ---------------------------------------------------------------- invalid filters

    static Stream<String> invalidFilters() {
        return Stream.of(
                "", "   ", "userName", "userName eq", "eq \"x\"", "userName eq x", "userName eq bjensen",
                "userName eq \"x\" or 1=1 --", "userName eq \"x\" or 1=1", "userName eq \"x\" OR \"1\"=\"1\"",
                "userName eq \"x\" --", "userName eq \"x\"; DROP TABLE users", "userName eq 'x'",
                "userName pr \"x\"", "userName pr true", "userName pr pr",
                "emails[type eq \"work\"", "emails[type eq \"work\"]]", "emails]", "emails[]", "[type eq \"x\"]",
                "emails[type eq \"work\" and phoneNumbers[type eq \"x\"]]", "emails[type[value pr]]",
                "emails.value[type eq \"work\"]", "emails[type.value eq \"work\"]",
                "emails[urn:ietf:params:scim:schemas:core:2.0:User:type eq \"work\"]",
                "emails[type eq \"work\"].value eq \"x\"", "emails[type eq \"work\"] .value",
                "title gt true", "title lt false", "title ge null", "title le TRUE", "title co true",
                "title sw null", "title ew false",
                "userName eq \"abc", "userName eq \"", "userName eq \"a\\x\"", "userName eq \"a\\u12\"",
                "userName eq \"a\\u12zz\"", "userName eq \"a\\", "userName eq \"tab\there\"",
                "(userName eq \"x\"", "userName eq \"x\")", "()", "(", ")", "((a pr)", "(a pr))",
                "not userName eq \"x\"", "not ()", "not (a pr", "not", "userName not eq \"x\"",
                "userName foo \"x\"", "userName equals \"x\"", "userName == \"x\"", "userName = \"x\"",
                "userName \"x\"", "userName 5", "userName eq \"x\" and", "userName eq \"x\" or",
                "and userName eq \"x\"", "or a pr", "userName eq \"x\" userName eq \"y\"",
                "userName eq true true", "userName ge \"a\" ge \"b\"", "a pr and (",
                "userName eq 01", "userName eq 1.", "userName eq .5", "userName eq 1abc", "userName eq --1",
                "userName eq 1e", "userName eq +1",
                "9abc eq \"x\"", "_x eq \"x\"", "-x eq 1", "name..familyName eq \"x\"", "name.family.x eq \"x\"",
                "name. eq \"x\"", "name.$refx eq \"x\"", "foo:bar eq \"x\"", "urn: eq \"x\"", "urn:ietf::x eq \"x\"",
                "urn:ietf:params:scim:schemas:core:2.0:User: eq \"x\"", "urn:ietf:params:scim:schemas:core:2.0 eq \"x\"",
                "userName eq \"x\" & title pr", "userName eq \"x\" || title pr", "userName eq @x",
                "userName eq \"x\"\u0000", "true", "\"x\" eq userName", "1 eq 1");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidFilters")
    void rejectsInvalidFilters(String input) {
        assertInvalidFilter(() -> FilterParser.parse(input));
    }

    @Test
    void rejectsNull() {
        assertInvalidFilter(() -> FilterParser.parse(null));
    }

    @Test
    void deepNestingFailsFastWithInvalidFilter() {
        String deep = "(".repeat(500) + "a pr" + ")".repeat(500);
        assertInvalidFilter(() -> FilterParser.parse(deep));
        String deepNot = "not (".repeat(500) + "a pr" + ")".repeat(500);
        assertInvalidFilter(() -> FilterParser.parse(deepNot));
        // beyond the length limit too: the depth guard alone must stop it, never a StackOverflowError
        String huge = "(".repeat(200_000) + "a pr" + ")".repeat(200_000);
        ScimException e = assertThrows(ScimException.class,
                () -> FilterParser.parse(huge, new FilterParser.Limits(1_000_000, 32, 50)));
        assertEquals("invalidFilter", e.scimType());
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    void depthLimitIsExact() {
        String at = "(".repeat(32) + "a pr" + ")".repeat(32);
        assertEquals(pr("a"), FilterParser.parse(at));
        assertInvalidFilter(() -> FilterParser.parse("(" + at + ")"));
        FilterParser.Limits two = new FilterParser.Limits(100, 2, 50);
        assertEquals(vp("emails", pr("type")), FilterParser.parse("(emails[type pr])", two));
        assertInvalidFilter(() -> FilterParser.parse("((emails[type pr]))", two));
        assertInvalidFilter(() -> FilterParser.parse("not (not (not (a pr)))", two));
    }

    @Test
    void longAndOrChainsAreNotDepth() {
        String chain = String.join(" or ", java.util.Collections.nCopies(400, "a pr"));
        Filter f = assertDoesNotThrow(() -> FilterParser.parse(chain, new FilterParser.Limits(4096, 32, 400)));
        assertInstanceOf(Filter.Or.class, f);
    }

    /** The review's probe: 180 clauses fit in 4096 characters; their cost is bounded by counting them. */
    @Test
    void aChainOfMoreClausesThanTheLimitIsAnInvalidFilter() {
        String probe = clauses(180, " or ");
        assertTrue(probe.length() <= 4096, "under the length limit: " + probe.length());
        ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse(probe));
        assertEquals("invalidFilter", e.scimType());
        assertTrue(e.getMessage().contains("more than 50 clauses"), e.getMessage());
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }

    @Test
    void clauseLimitIsExactAndCountsEveryAttributeExpression() {
        FilterParser.Limits three = new FilterParser.Limits(4096, 32, 3);
        assertDoesNotThrow(() -> FilterParser.parse(clauses(50, " and ")));
        assertInvalidFilter(() -> FilterParser.parse(clauses(51, " and ")));
        assertDoesNotThrow(() -> FilterParser.parse("a pr and (b eq 1 or not (c pr))", three));
        assertInvalidFilter(() -> FilterParser.parse("a pr and (b eq 1 or not (c pr)) or d pr", three));
        // a value filter is a clause (one sub-query), and so is each clause inside it
        assertDoesNotThrow(() -> FilterParser.parse("emails[type eq \"work\" and value pr]", three));
        assertInvalidFilter(() -> FilterParser.parse("emails[type eq \"work\" and value pr] or a pr", three));
    }

    private static String clauses(int n, String operator) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "userName eq \"u" + i + "\"")
                .collect(java.util.stream.Collectors.joining(operator));
    }

    @Test
    void lengthLimit() {
        String value = "x".repeat(4096 - "userName eq \"\"".length());
        String exact = "userName eq \"" + value + "\"";
        assertEquals(4096, exact.length());
        assertEquals(eq("userName", value), FilterParser.parse(exact));
        assertInvalidFilter(() -> FilterParser.parse("userName eq \"" + value + "x\""));
        assertInvalidFilter(() -> FilterParser.parse("userName eq \"" + "x".repeat(100_000) + "\""));
        assertInvalidFilter(() -> FilterParser.parse("title pr", new FilterParser.Limits(4, 32, 50)));
    }

    @Test
    void errorsNameThePosition() {
        ScimException e = assertThrows(ScimException.class, () -> FilterParser.parse("userName eq \"x\" or 1=1 --"));
        assertTrue(e.getMessage().contains("column 21"), e.getMessage());
        e = assertThrows(ScimException.class, () -> FilterParser.parse("userName xx \"x\""));
        assertTrue(e.getMessage().contains("column 10") && e.getMessage().contains("'xx'"), e.getMessage());
        e = assertThrows(ScimException.class, () -> FilterParser.parse("userName eq"));
        assertTrue(e.getMessage().contains("end of input"), e.getMessage());
        e = assertThrows(ScimException.class, () -> FilterParser.parse("eq \"x\""));
        assertTrue(e.getMessage().contains("missing attribute name before 'eq'"), e.getMessage());
        e = assertThrows(ScimException.class, () -> FilterParser.parse("userName eq \"abc"));
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
    }

    static void assertInvalidFilter(org.junit.jupiter.api.function.Executable call) {
        ScimException e = assertThrows(ScimException.class, call);
        assertEquals("invalidFilter", e.scimType());
        assertEquals(400, e.status());
        assertFalse(e.getMessage() == null || e.getMessage().isBlank());
    }

    // ---------------------------------------------------------------- PATCH paths

    static Stream<Arguments> validPaths() {
        return Stream.of(
                arguments("members", PatchPath.of(p("members"))),
                arguments("name.givenName", PatchPath.of(p("name.givenName"))),
                arguments("externalId", PatchPath.of(p("externalId"))),
                arguments("emails[type eq \"work\"].value", new PatchPath(p("emails"), eq("type", "work"), "value")),
                arguments("members[value eq \"2819c223\"]", new PatchPath(p("members"), eq("value", "2819c223"), null)),
                arguments("members[value eq \"a\" or value eq \"b\"]",
                        new PatchPath(p("members"), or(eq("value", "a"), eq("value", "b")), null)),
                arguments("addresses[type eq \"work\"].locality", new PatchPath(p("addresses"), eq("type", "work"), "locality")),
                arguments("emails[type eq \"work\" and primary eq true]",
                        new PatchPath(p("emails"), and(eq("type", "work"), eq("primary", true)), null)),
                arguments("emails[value ew \"@example.com\"].primary",
                        new PatchPath(p("emails"), cmp("value", EW, "@example.com"), "primary")),
                arguments("members[value eq \"x\"].$ref", new PatchPath(p("members"), eq("value", "x"), "$ref")),
                arguments("EMAILS[TYPE EQ \"work\"].VALUE", new PatchPath(p("EMAILS"), eq("TYPE", "work"), "VALUE")),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                        PatchPath.of(urn(ENT, "manager", null))),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
                        PatchPath.of(urn(ENT, "manager", "value"))),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
                        PatchPath.of(urn(ENT, "employeeNumber", null))),
                arguments("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"].value",
                        new PatchPath(urn(CORE, "emails", null), eq("type", "work"), "value")),
                arguments(" active ", PatchPath.of(p("active"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPaths")
    void parsesValidPaths(String input, PatchPath expected) {
        assertEquals(expected, FilterParser.parsePath(input));
    }

    static Stream<String> invalidPaths() {
        return Stream.of(
                "", "  ", "emails[", "emails[type eq \"work\"", "emails[type eq \"work\"]]", "emails[type eq \"work\"].",
                "emails[type eq \"work\"].value.x", "emails[type eq \"work\"] .value", "emails[type eq \"work\"]value",
                "emails[type eq]", "emails[]", "emails]", "name..givenName", "name.givenName.x", "name.",
                "emails.value[type eq \"work\"]", "emails[phoneNumbers[type eq \"x\"]]",
                "emails[type eq \"work\"][primary eq true]", "userName eq \"x\"", "1emails", "\"emails\"",
                "foo:bar", "emails[type eq \"work\"].1value", "emails[type gt true]", "members[value eq \"x\" or]",
                "(members)", "name givenName", "emails[type eq \"work\"].value[x pr]",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:", "emails[type eq \"w");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidPaths")
    void rejectsInvalidPaths(String input) {
        ScimException e = assertThrows(ScimException.class, () -> FilterParser.parsePath(input));
        assertEquals("invalidPath", e.scimType());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void rejectsNullAndHugePaths() {
        assertEquals("invalidPath", assertThrows(ScimException.class, () -> FilterParser.parsePath(null)).scimType());
        String deep = "emails[" + "(".repeat(500) + "type pr" + ")".repeat(500) + "]";
        assertEquals("invalidPath", assertThrows(ScimException.class, () -> FilterParser.parsePath(deep)).scimType());
        String huge = "a".repeat(100_000);
        assertEquals("invalidPath", assertThrows(ScimException.class, () -> FilterParser.parsePath(huge)).scimType());
    }

    // ---------------------------------------------------------------- single attribute references

    static Stream<Arguments> validAttributePaths() {
        return Stream.of(
                arguments("userName", p("userName")),
                arguments("name.familyName", p("name.familyName")),
                arguments(" meta.lastModified ", p("meta.lastModified")),
                arguments("members.$ref", p("members.$ref")),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", urn(ENT, "department", null)),
                arguments("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName",
                        urn(ENT, "manager", "displayName")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validAttributePaths")
    void parsesAttributePaths(String input, AttributePath expected) {
        assertEquals(expected, FilterParser.parseAttributePath(input));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidAttributePaths")
    void rejectsInvalidAttributePaths(String input) {
        ScimException e = assertThrows(ScimException.class, () -> FilterParser.parseAttributePath(input));
        assertEquals("invalidValue", e.scimType());
        assertFalse(e.getMessage().isBlank());
        ScimException p = assertThrows(ScimException.class,
                () -> FilterParser.parseAttributePath(input, ScimException::invalidPath));
        assertEquals("invalidPath", p.scimType());
    }

    static Stream<String> invalidAttributePaths() {
        return Stream.of("", " ", "emails[type eq \"work\"]", "user name", "name.", ".name", "name..x", "a.b.c",
                "1abc", "userName,title", "\"userName\"", "userName eq \"x\"", "foo:bar", "(userName)");
    }

    // ---------------------------------------------------------------- validation against the schema

    static final ResourceSchema USER = ScimSchemas.USER_RESOURCE;
    static final ResourceSchema GROUP = ScimSchemas.GROUP_RESOURCE;

    static Stream<Arguments> validForSchema() {
        return Stream.of(
                arguments(USER, "userName eq \"x\""),
                arguments(USER, "USERNAME eq \"x\""),
                arguments(USER, "id eq \"x\" and externalId eq \"y\""),
                arguments(USER, "name.familyName co \"O'Malley\""),
                arguments(USER, "emails co \"example.com\""),
                arguments(USER, "emails.value co \"example.org\""),
                arguments(USER, "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\"]"),
                arguments(USER, "emails[primary eq true]"),
                arguments(USER, "emails[not (type eq \"work\")]"),
                arguments(USER, "groups.value eq \"g1\""),
                arguments(USER, "groups eq \"g1\""),
                arguments(USER, "meta.lastModified gt \"2011-05-13T04:42:34Z\""),
                arguments(USER, "meta.created le \"2011-05-13T04:42:34.123+02:00\""),
                arguments(USER, "meta.lastModified sw \"2011\""),
                arguments(USER, "active eq true"),
                arguments(USER, "not (active eq false)"),
                arguments(USER, "title eq null"),
                arguments(USER, "title pr and userType eq \"Employee\""),
                arguments(USER, "name pr"),
                arguments(USER, "emails pr"),
                arguments(USER, "department eq \"Sales\""),
                arguments(USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"1\""),
                arguments(USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"x\""),
                arguments(USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr"),
                arguments(USER, "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\""),
                arguments(USER, "urn:ietf:params:scim:schemas:core:2.0:User:id eq \"x\""),
                arguments(GROUP, "displayName eq \"Admins\""),
                arguments(GROUP, "members.value eq \"u1\""),
                arguments(GROUP, "members eq \"u1\""),
                arguments(GROUP, "members[value eq \"u1\"]"),
                arguments(GROUP, "members pr"),
                arguments(GROUP, "members.$ref pr"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("validForSchema")
    void validatesAgainstSchema(ResourceSchema schema, String filter) {
        assertDoesNotThrow(() -> FilterValidator.validate(FilterParser.parse(filter), schema));
    }

    static Stream<Arguments> invalidForSchema() {
        return Stream.of(
                arguments(USER, "foo eq \"x\""),
                arguments(USER, "name.foo eq \"x\""),
                arguments(USER, "userName.foo eq \"x\""),
                arguments(USER, "name eq \"x\""),
                arguments(USER, "meta eq \"x\""),
                arguments(USER, "manager eq \"x\""),
                arguments(USER, "userName[type eq \"x\"]"),
                arguments(USER, "name[givenName eq \"x\"]"),
                arguments(USER, "emails[foo eq \"x\"]"),
                arguments(USER, "emails[primary eq \"true\"]"),
                arguments(USER, "active eq \"true\""),
                arguments(USER, "active gt \"a\""),
                arguments(USER, "active eq 1"),
                arguments(USER, "userName eq 5"),
                arguments(USER, "userName eq true"),
                arguments(USER, "password eq \"secret\""),
                arguments(USER, "password pr"),
                arguments(USER, "meta.lastModified gt \"yesterday\""),
                arguments(USER, "meta.lastModified gt 5"),
                arguments(USER, "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\""),
                arguments(USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName eq \"x\""),
                arguments(USER, "urn:example:unknown:2.0:Thing:foo eq \"x\""),
                arguments(USER, "members.value eq \"x\""),
                arguments(USER, "title pr and foo pr"),
                arguments(USER, "not (emails[bogus pr])"),
                arguments(GROUP, "groups.value eq \"g\""),
                arguments(GROUP, "userName eq \"x\""),
                arguments(GROUP, "members[value eq \"u1\" and bogus pr]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidForSchema")
    void rejectsFiltersTheSchemaCannotAnswer(ResourceSchema schema, String filter) {
        Filter parsed = FilterParser.parse(filter);
        assertInvalidFilter(() -> FilterValidator.validate(parsed, schema));
    }

    @Test
    void unknownAttributeMessageNamesIt() {
        ScimException e = assertThrows(ScimException.class,
                () -> FilterValidator.validate(FilterParser.parse("emails[bogus pr]"), USER));
        assertTrue(e.getMessage().contains("unknown attribute 'emails.bogus'"), e.getMessage());
    }
}
