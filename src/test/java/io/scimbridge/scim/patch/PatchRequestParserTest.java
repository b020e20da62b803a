package io.scimbridge.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.Filter;
import io.scimbridge.scim.filter.PatchPath;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PATCH request bodies: what Azure AD, Okta and RFC 7644 clients send is read into operations;
 * malformed bodies get the scimType the RFC asks for. JSON is written with single quotes;
 * {@code $PATCH} is the PatchOp URN and {@code $ENT} the enterprise extension URN.
 */
class PatchRequestParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A valid body and the operations it reads as, written {@code Op(path)}. */
    record Valid(String name, String body, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Invalid(String name, String body, String scimType) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Valid> validBodies() {
        return Stream.of(
                valid("Azure: capitalised op names",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'Replace','path':'active','value':'False'},"
                                + "{'op':'Add','path':'title','value':'x'},{'op':'Remove','path':'$ENT:manager'}]}",
                        "Replace(active)", "Add(title)", "Remove($ENT:manager)"),
                valid("upper-case op and a lower-case operations member",
                        "{'schemas':['$PATCH'],'operations':[{'op':'REPLACE','path':'userName','value':'x'}]}",
                        "Replace(userName)"),
                valid("Okta: path-less replace",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'replace','value':{'id':'g1','displayName':'x'}}]}",
                        "Replace(-)"),
                valid("a blank path means the resource itself",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'add','path':' ','value':{'title':'x'}}]}",
                        "Add(-)"),
                valid("value-filter paths with a sub-attribute",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'Add','path':'phoneNumbers[type eq `mobile`].value','value':'1'}]}",
                        "Add(phoneNumbers[type eq \"mobile\"].value)"),
                valid("Azure's old member removal keeps its value",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'Remove','path':'members','value':[{'value':'u1'}]}]}",
                        "Remove(members)+value"),
                valid("remove by value filter",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'remove','path':'members[value eq `u1`]'}]}",
                        "Remove(members[value eq \"u1\"])"),
                valid("a path that is exactly the extension URN becomes a path-less value",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'replace','path':'$ENT','value':{'department':'x'}}]}",
                        "Replace(-)"),
                valid("extra members (Microsoft's 'name', an 'id') are ignored",
                        "{'schemas':['$PATCH'],'id':'g1','Operations':[{'name':'addMember','op':'add','path':'members','value':[{'value':'u4'}]}]}",
                        "Add(members)"),
                valid("the PatchOp URN in another letter case",
                        "{'schemas':['URN:IETF:params:scim:api:messages:2.0:patchop'],'Operations':[{'op':'add','path':'title','value':'x'}]}",
                        "Add(title)"));
    }

    static Stream<Invalid> invalidBodies() {
        return Stream.of(
                invalid("not an object", "[]", "invalidSyntax"),
                invalid("no schemas", "{'Operations':[{'op':'add','path':'title','value':'x'}]}", "invalidSyntax"),
                invalid("another message's schema",
                        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],'Operations':[{'op':'add','path':'title','value':'x'}]}",
                        "invalidSyntax"),
                invalid("schemas not an array", "{'schemas':'$PATCH','Operations':[{'op':'add','path':'title','value':'x'}]}",
                        "invalidSyntax"),
                invalid("no Operations", "{'schemas':['$PATCH']}", "invalidSyntax"),
                invalid("empty Operations", "{'schemas':['$PATCH'],'Operations':[]}", "invalidSyntax"),
                invalid("Operations not an array", "{'schemas':['$PATCH'],'Operations':{'op':'add'}}", "invalidSyntax"),
                invalid("an operation that is not an object", "{'schemas':['$PATCH'],'Operations':['add']}", "invalidSyntax"),
                invalid("no op", "{'schemas':['$PATCH'],'Operations':[{'path':'title','value':'x'}]}", "invalidSyntax"),
                invalid("unknown op", "{'schemas':['$PATCH'],'Operations':[{'op':'move','path':'title','value':'x'}]}",
                        "invalidSyntax"),
                invalid("op not a string", "{'schemas':['$PATCH'],'Operations':[{'op':1,'path':'title','value':'x'}]}",
                        "invalidSyntax"),
                invalid("add without value", "{'schemas':['$PATCH'],'Operations':[{'op':'add','path':'title'}]}",
                        "invalidSyntax"),
                invalid("replace with a null value", "{'schemas':['$PATCH'],'Operations':[{'op':'Replace','path':'title','value':null}]}",
                        "invalidSyntax"),
                invalid("remove without path (RFC 7644 §3.5.2.2)", "{'schemas':['$PATCH'],'Operations':[{'op':'remove'}]}",
                        "noTarget"),
                invalid("remove with a blank path", "{'schemas':['$PATCH'],'Operations':[{'op':'Remove','path':''}]}",
                        "noTarget"),
                invalid("unclosed value filter", "{'schemas':['$PATCH'],'Operations':[{'op':'remove','path':'members[value eq `u1`'}]}",
                        "invalidPath"),
                invalid("path with an operator but no value",
                        "{'schemas':['$PATCH'],'Operations':[{'op':'replace','path':'emails[type eq].value','value':'x'}]}",
                        "invalidPath"),
                invalid("path not a string", "{'schemas':['$PATCH'],'Operations':[{'op':'replace','path':1,'value':'x'}]}",
                        "invalidPath"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBodies")
    void readsValidBody(Valid row) {
        List<PatchOperation> ops = PatchRequestParser.parse(json(row.body()));
        assertEquals(row.expected().stream().map(PatchRequestParserTest::expand).toList(),
                ops.stream().map(PatchRequestParserTest::describe).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void refusesInvalidBody(Invalid row) {
        ScimException e = assertThrows(ScimException.class, () -> PatchRequestParser.parse(json(row.body())));
        assertEquals(row.scimType(), e.scimType(), e.detail());
        assertEquals(400, e.status());
    }

    @Test
    void refusesMoreOperationsThanTheLimit() {
        String op = "{'op':'add','path':'title','value':'x'}";
        JsonNode body = json("{'schemas':['$PATCH'],'Operations':[" + op + "," + op + "," + op + "]}");
        assertEquals(3, PatchRequestParser.parse(body, new PatchRequestParser.Limits(3)).size());
        ScimException e = assertThrows(ScimException.class,
                () -> PatchRequestParser.parse(body, new PatchRequestParser.Limits(2)));
        assertEquals("invalidSyntax", e.scimType());
    }

    @Test
    void extensionUrnPathIsWrappedUnderTheUrn() {
        List<PatchOperation> ops = PatchRequestParser.parse(json(
                "{'schemas':['$PATCH'],'Operations':[{'op':'add','path':'$ENT','value':{'department':'x'}}]}"));
        PatchOperation.Add add = (PatchOperation.Add) ops.getFirst();
        assertNull(add.path());
        assertEquals(json("{'$ENT':{'department':'x'}}"), add.value());
    }

    @Test
    void removeKeepsAzureMemberValues() {
        List<PatchOperation> ops = PatchRequestParser.parse(json(
                "{'schemas':['$PATCH'],'Operations':[{'op':'Remove','path':'members','value':[{'value':'u1'}]}]}"));
        assertEquals(json("[{'value':'u1'}]"), ops.getFirst().value());
    }

    // ------------------------------------------------------------------ helpers

    private static Valid valid(String name, String body, String... expected) {
        return new Valid(name, body, List.of(expected));
    }

    private static Invalid invalid(String name, String body, String scimType) {
        return new Invalid(name, body, scimType);
    }

    private static String describe(PatchOperation op) {
        String kind = switch (op) {
            case PatchOperation.Add a -> "Add";
            case PatchOperation.Replace r -> "Replace";
            case PatchOperation.Remove r -> "Remove";
        };
        String path = op.path() == null ? "-" : describe(op.path());
        String extra = op instanceof PatchOperation.Remove && op.value() != null ? "+value" : "";
        return kind + "(" + path + ")" + extra;
    }

    /** The path as written, for the comparisons these rows use. */
    private static String describe(PatchPath p) {
        if (p.valueFilter() == null) {
            return p.attribute().toString();
        }
        Filter.Comparison c = (Filter.Comparison) p.valueFilter();
        String filter = c.path() + " " + c.op().token() + " \"" + c.value() + "\"";
        return p.attribute() + "[" + filter + "]" + (p.subAttribute() == null ? "" : "." + p.subAttribute());
    }

    private static String expand(String s) {
        return s.replace("$PATCH", ScimSchemas.PATCH_OP).replace("$ENT", ScimSchemas.ENTERPRISE_USER);
    }

    /** Single quotes become double quotes, backticks become escaped double quotes (for paths). */
    private static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(expand(singleQuoted).replace('\'', '"').replace("`", "\\\""));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + singleQuoted, e);
        }
    }
}
