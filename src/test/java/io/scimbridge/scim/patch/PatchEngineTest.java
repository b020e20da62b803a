package io.scimbridge.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PATCH scenarios as Azure AD (Entra ID), Okta and Microsoft's SCIM reference tests send them
 * (from Microsoft's and Okta's SCIM documentation and their provisioning logs). Each row: a stored resource, the operations of one
 * request (parsed by {@link PatchRequestParser} like the endpoint does), and either the changes
 * expected on the resource (a JSON Merge Patch, RFC 7386: null deletes, arrays are given whole)
 * or the expected scimType. Every row also checks the input document was not modified.
 *
 * <p>JSON is written with single quotes; {@code $ENT}, {@code $USER}, {@code $GROUP} stand for
 * the schema URNs.
 */
class PatchEngineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PatchEngine ENGINE = new PatchEngine();

    // ------------------------------------------------------------------ stored resources

    private static final Doc USER = user("""
            {'schemas':['$USER'], 'id':'2819c223', 'userName':'bjensen@example.com', 'active':true,
             'displayName':'Babs Jensen', 'name':{'givenName':'Barbara','familyName':'Jensen'},
             'emails':[{'value':'bjensen@example.com','type':'work','primary':true}],
             'phoneNumbers':[{'value':'555-0100','type':'work'}],
             'meta':{'resourceType':'User','created':'2024-01-01T00:00:00Z','lastModified':'2024-01-01T00:00:00Z'}}""");

    private static final Doc ENTERPRISE_USER = user("""
            {'schemas':['$USER','$ENT'], 'id':'2819c223', 'userName':'bjensen@example.com', 'active':true,
             'title':'Engineer',
             'emails':[{'value':'home@example.com','type':'home'},
                       {'value':'bjensen@example.com','type':'work','primary':true}],
             '$ENT':{'department':'Sales','manager':{'value':'m1','displayName':'Mia Manager'}}}""");

    private static final Doc GROUP = group("""
            {'schemas':['$GROUP'], 'id':'g1', 'displayName':'Admins',
             'members':[{'value':'u1','display':'alice'},{'value':'u2','display':'bob'}]}""");

    private static final Doc EMPTY_GROUP = group("""
            {'schemas':['$GROUP'], 'id':'g2', 'displayName':'Readers'}""");

    // ------------------------------------------------------------------ the scenarios

    static Stream<Row> rows() {
        return Stream.of(
                // ---- path-less add/replace: Okta, Azure, plain RFC
                scenario("Okta deactivates a user with a path-less replace")
                        .given(USER).when(okta("replace", null, "{'active':false}"))
                        .then("{'active':false}"),
                scenario("Azure replaces several attributes in one op, with a dotted key")
                        .given(USER).when(azure("Replace", null, "{'displayName':'B J','name.givenName':'Babs'}"))
                        .then("{'displayName':'B J','name':{'givenName':'Babs'}}"),
                scenario("Azure's old string boolean in a path-less value")
                        .given(USER).when(azure("Replace", null, "{'active':'False'}"))
                        .then("{'active':false}"),
                scenario("Okta group rename echoes the group's own id, which is ignored")
                        .given(GROUP).when(okta("replace", null, "{'id':'g1','displayName':'Super Admins'}"))
                        .then("{'displayName':'Super Admins'}"),
                scenario("read-only attributes echoed back unchanged (schemas, meta subset, groups []) are ignored")
                        .given(USER).when(okta("replace", null, """
                                {'schemas':['$USER'],'id':'2819c223','meta':{'resourceType':'User'},'groups':[],
                                 'title':'Boss'}"""))
                        .then("{'title':'Boss'}"),
                scenario("meta and groups sent to a document that does not hold them are ignored (path-less only)")
                        .given(group("{'id':'g3','displayName':'x'}"))
                        .when(okta("replace", null, "{'id':'g3','meta':{'lastModified':'2030-01-01T00:00:00Z'},'displayName':'y'}"))
                        .then("{'displayName':'y'}"),
                scenario("a changed meta the document holds is refused").given(USER)
                        .when(rfc("replace", null, "{'meta':{'resourceType':'Group'}}")).fails("mutability"),
                scenario("URN-qualified key in a path-less value creates the extension and lists its schema")
                        .given(USER).when(azure("Add", null, "{'$ENT:department':'Engineering'}"))
                        .then("{'schemas':['$USER','$ENT'],'$ENT':{'department':'Engineering'}}"),
                scenario("extension object keyed by its URN, manager as a bare id")
                        .given(ENTERPRISE_USER).when(okta("replace", null, "{'$ENT':{'department':'Eng','manager':'m2'}}"))
                        .then("{'$ENT':{'department':'Eng','manager':{'value':'m2','displayName':null}}}"),
                scenario("keys of an unknown extension URN are ignored, the rest applies")
                        .given(USER).when(azure("Add", null, """
                                {'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:costCode':'42',
                                 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User':{'x':1},
                                 'title':'Boss'}"""))
                        .then("{'title':'Boss'}"),
                scenario("Microsoft's ADSCIM group URN in a group value is ignored")
                        .given(GROUP).when(azure("Replace", null, """
                                {'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group:x':'y',
                                 'displayName':'Ops'}"""))
                        .then("{'displayName':'Ops'}"),
                scenario("path-less add appends to a multi-valued attribute")
                        .given(USER).when(rfc("add", null, "{'emails':[{'value':'b@home.example','type':'home'}]}"))
                        .then("""
                                {'emails':[{'value':'bjensen@example.com','type':'work','primary':true},
                                           {'value':'b@home.example','type':'home'}]}"""),
                scenario("path-less replace replaces a multi-valued attribute whole")
                        .given(USER).when(rfc("replace", null, "{'emails':[{'value':'b@home.example','type':'home'}]}"))
                        .then("{'emails':[{'value':'b@home.example','type':'home'}]}"),
                scenario("path-less replace of a complex attribute merges its sub-attributes (RFC 7644 §3.5.2.3)")
                        .given(USER).when(rfc("replace", null, "{'name':{'familyName':'Doe','middleName':'Q'}}"))
                        .then("{'name':{'givenName':'Barbara','familyName':'Doe','middleName':'Q'}}"),
                scenario("null in a path-less value unassigns the attribute")
                        .given(ENTERPRISE_USER).when(rfc("replace", null, "{'title':null,'$ENT:department':null}"))
                        .then("{'title':null,'$ENT':{'department':null}}"),
                scenario("null for a whole extension unassigns it")
                        .given(ENTERPRISE_USER).when(rfc("replace", null, "{'$ENT':null}"))
                        .then("{'$ENT':null}"),
                scenario("a path that is the extension URN itself (rewritten by the parser)")
                        .given(ENTERPRISE_USER).when(rfc("replace", "$ENT", "{'department':'Ops','costCenter':'42'}"))
                        .then("{'$ENT':{'department':'Ops','costCenter':'42'}}"),
                scenario("Azure's empty roles add is a no-op")
                        .given(USER).when(azure("Add", "roles", "[]"))
                        .then("{}"),
                scenario("password is written as given; hashing it is the caller's job")
                        .given(USER).when(okta("replace", null, "{'password':'s3cret!'}"))
                        .then("{'password':'s3cret!'}"),
                scenario("attribute names are case-insensitive and written in canonical spelling")
                        .given(user("{'id':'u9','userName':'x','displayname':'old'}"))
                        .when(azure("Replace", null, "{'DISPLAYNAME':'new','Name.GivenName':'G','ACTIVE':'TRUE'}"))
                        .thenExactly("{'id':'u9','userName':'x','displayName':'new','name':{'givenName':'G'},'active':true}"),

                // ---- add / replace with a path
                scenario("replace userName (Microsoft reference tests)")
                        .given(USER).when(azure("Replace", "userName", "'ryan3'"))
                        .then("{'userName':'ryan3'}"),
                scenario("Azure's old dialect: active as the string \"False\" on a path")
                        .given(USER).when(azure("Replace", "active", "'False'"))
                        .then("{'active':false}"),
                scenario("Azure's new dialect: active as a JSON boolean")
                        .given(USER).when(azure("Replace", "active", "false"))
                        .then("{'active':false}"),
                scenario("lower-case string boolean")
                        .given(user("{'id':'u9','userName':'x','active':false}")).when(azure("Replace", "active", "'true'"))
                        .then("{'active':true}"),
                scenario("add a new simple attribute")
                        .given(USER).when(azure("Add", "title", "'Manager'"))
                        .then("{'title':'Manager'}"),
                scenario("replace a sub-attribute of a complex attribute")
                        .given(USER).when(azure("Replace", "name.givenName", "'Babs'"))
                        .then("{'name':{'givenName':'Babs'}}"),
                scenario("replace a sub-attribute creates the complex attribute when absent")
                        .given(user("{'id':'u9','userName':'x'}")).when(rfc("replace", "name.familyName", "'Doe'"))
                        .then("{'name':{'familyName':'Doe'}}"),
                scenario("replace of a complex attribute by path merges (familyName kept)")
                        .given(USER).when(rfc("replace", "name", "{'givenName':'B'}"))
                        .then("{'name':{'givenName':'B','familyName':'Jensen'}}"),
                scenario("add one email object appends it")
                        .given(USER).when(rfc("add", "emails", "{'value':'b@home.example','type':'home'}"))
                        .then("""
                                {'emails':[{'value':'bjensen@example.com','type':'work','primary':true},
                                           {'value':'b@home.example','type':'home'}]}"""),
                scenario("add an email already there (any letter case) changes nothing")
                        .given(USER).when(rfc("add", "emails", "[{'value':'BJensen@Example.com','type':'work'}]"))
                        .then("{}"),
                scenario("replace emails replaces the list")
                        .given(ENTERPRISE_USER).when(rfc("replace", "emails", "[{'value':'new@example.com','type':'work'}]"))
                        .then("{'emails':[{'value':'new@example.com','type':'work'}]}"),
                scenario("replace emails with [] unassigns it")
                        .given(USER).when(rfc("replace", "emails", "[]"))
                        .then("{'emails':null}"),

                // ---- value-filter paths (Azure)
                scenario("Azure replaces the work email's value")
                        .given(ENTERPRISE_USER).when(azure("Replace", "emails[type eq \"work\"].value", "'bj@new.example'"))
                        .then("""
                                {'emails':[{'value':'home@example.com','type':'home'},
                                           {'value':'bj@new.example','type':'work','primary':true}]}"""),
                scenario("value filters compare case-insensitively unless caseExact (type eq \"WORK\")")
                        .given(USER).when(azure("Replace", "emails[type eq \"WORK\"].value", "'bj@new.example'"))
                        .then("{'emails':[{'value':'bj@new.example','type':'work','primary':true}]}"),
                scenario("Azure adds a mobile number the user does not have yet: the element is created")
                        .given(USER).when(azure("Add", "phoneNumbers[type eq \"mobile\"].value", "'555-0199'"))
                        .then("{'phoneNumbers':[{'value':'555-0100','type':'work'},{'type':'mobile','value':'555-0199'}]}"),
                scenario("Azure replaces the work locality of a user without addresses: created")
                        .given(USER).when(azure("Replace", "addresses[type eq \"work\"].locality", "'Seattle'"))
                        .then("{'addresses':[{'type':'work','locality':'Seattle'}]}"),
                scenario("Azure replaces one sub-attribute of an existing address, the others stay")
                        .given(user("""
                                {'id':'u9','userName':'x','addresses':[{'type':'work','locality':'Paris','country':'FR'},
                                                                       {'type':'home','locality':'Lyon'}]}"""))
                        .when(azure("Replace", "addresses[type eq \"work\"].locality", "'Nice'"))
                        .then("{'addresses':[{'type':'work','locality':'Nice','country':'FR'},{'type':'home','locality':'Lyon'}]}"),
                scenario("a filter matching several elements updates them all")
                        .given(user("{'id':'u9','userName':'x','phoneNumbers':[{'value':'1','type':'work'},{'value':'2','type':'work'}]}"))
                        .when(rfc("replace", "phoneNumbers[type eq \"work\"].display", "'desk'"))
                        .then("{'phoneNumbers':[{'value':'1','type':'work','display':'desk'},{'value':'2','type':'work','display':'desk'}]}"),
                scenario("replace of whole filtered elements merges the given sub-attributes")
                        .given(USER).when(rfc("replace", "emails[type eq \"work\"]", "{'value':'bj@new.example'}"))
                        .then("{'emails':[{'value':'bj@new.example','type':'work','primary':true}]}"),
                scenario("add of a whole filtered element that does not exist creates it from the filter")
                        .given(USER).when(rfc("add", "emails[type eq \"home\"]", "{'value':'b@home.example'}"))
                        .then("""
                                {'emails':[{'value':'bjensen@example.com','type':'work','primary':true},
                                           {'type':'home','value':'b@home.example'}]}"""),
                scenario("a filter on two equalities seeds both")
                        .given(user("{'id':'u9','userName':'x'}"))
                        .when(rfc("replace", "emails[type eq \"work\" and primary eq true].value", "'a@b.c'"))
                        .then("{'emails':[{'type':'work','primary':true,'value':'a@b.c'}]}"),

                // ---- booleans and primary
                scenario("primary given as the string \"True\" inside an element")
                        .given(user("{'id':'u9','userName':'x'}"))
                        .when(azure("Add", "emails", "[{'value':'a@b.c','type':'work','primary':'True'}]"))
                        .then("{'emails':[{'value':'a@b.c','type':'work','primary':true}]}"),
                scenario("primary set by a filtered path, old dialect \"False\"")
                        .given(USER).when(azure("Replace", "emails[value eq \"bjensen@example.com\"].primary", "'False'"))
                        .then("{'emails':[{'value':'bjensen@example.com','type':'work','primary':false}]}"),
                scenario("adding a new primary email resets the old primary")
                        .given(USER).when(rfc("add", "emails", "{'value':'b@home.example','type':'home','primary':true}"))
                        .then("""
                                {'emails':[{'value':'bjensen@example.com','type':'work','primary':false},
                                           {'value':'b@home.example','type':'home','primary':true}]}"""),
                scenario("the element made primary last wins, even when it comes first in the list")
                        .given(ENTERPRISE_USER).when(rfc("replace", "emails[type eq \"home\"].primary", "true"))
                        .then("""
                                {'emails':[{'value':'home@example.com','type':'home','primary':true},
                                           {'value':'bjensen@example.com','type':'work','primary':false}]}"""),

                // ---- enterprise extension and manager (Azure)
                scenario("Azure replaces the department by URN path")
                        .given(ENTERPRISE_USER).when(azure("Replace", "$ENT:department", "'Engineering'"))
                        .then("{'$ENT':{'department':'Engineering'}}"),
                scenario("Azure sets the manager with a bare id: the old manager's displayName goes")
                        .given(ENTERPRISE_USER).when(azure("Add", "$ENT:manager", "'m2'"))
                        .then("{'$ENT':{'manager':{'value':'m2','displayName':null}}}"),
                scenario("manager on a user without the extension creates it")
                        .given(USER).when(azure("Replace", "$ENT:manager", "'m2'"))
                        .then("{'schemas':['$USER','$ENT'],'$ENT':{'manager':{'value':'m2'}}}"),
                scenario("manager as an object is taken as is (readOnly displayName dropped)")
                        .given(USER).when(rfc("replace", "$ENT:manager", "{'value':'m2','displayName':'X'}"))
                        .then("{'schemas':['$USER','$ENT'],'$ENT':{'manager':{'value':'m2'}}}"),
                scenario("manager.value by path")
                        .given(ENTERPRISE_USER).when(rfc("replace", "$ENT:manager.value", "'m3'"))
                        .then("{'$ENT':{'manager':{'value':'m3','displayName':null}}}"),
                scenario("Azure removes the manager with no value")
                        .given(ENTERPRISE_USER).when(azure("Remove", "$ENT:manager", null))
                        .then("{'$ENT':{'manager':null}}"),
                scenario("removing the last extension attribute drops the extension object")
                        .given(user("{'id':'u9','userName':'x','$ENT':{'manager':{'value':'m1'}}}"))
                        .when(azure("Remove", "$ENT:manager", null))
                        .thenExactly("{'id':'u9','userName':'x'}"),
                scenario("unqualified extension attribute names resolve too")
                        .given(ENTERPRISE_USER).when(rfc("replace", "department", "'Ops'"))
                        .then("{'$ENT':{'department':'Ops'}}"),

                // ---- remove
                scenario("remove a sub-attribute of a complex single-valued attribute")
                        .given(USER).when(rfc("remove", "name.givenName", null))
                        .then("{'name':{'givenName':null}}"),
                scenario("removing the last sub-attributes unassigns the complex attribute")
                        .given(USER).when(rfc("remove", "name.givenName", null), rfc("remove", "name.familyName", null))
                        .then("{'name':null}"),
                scenario("remove the value of the work email keeps the element's other sub-attributes")
                        .given(USER).when(rfc("remove", "emails[type eq \"work\"].value", null))
                        .then("{'emails':[{'type':'work','primary':true}]}"),
                scenario("remove whole filtered elements")
                        .given(ENTERPRISE_USER).when(rfc("remove", "emails[type eq \"home\"]", null))
                        .then("{'emails':[{'value':'bjensen@example.com','type':'work','primary':true}]}"),
                scenario("remove an attribute that is not there is a no-op")
                        .given(USER).when(rfc("remove", "title", null), rfc("remove", "$ENT:department", null))
                        .then("{}"),
                scenario("remove with a filter that matches nothing is a no-op")
                        .given(USER).when(rfc("remove", "emails[type eq \"home\"].value", null))
                        .then("{}"),
                scenario("remove a simple attribute")
                        .given(USER).when(azure("Remove", "displayName", null))
                        .then("{'displayName':null}"),

                // ---- group members (Azure, Okta, Microsoft reference tests)
                scenario("Azure adds a member, with its \"$ref\": null")
                        .given(EMPTY_GROUP).when(azure("Add", "members", "[{'$ref':null,'value':'u3'}]"))
                        .then("{'members':[{'value':'u3'}]}"),
                scenario("Okta adds a member with its display")
                        .given(GROUP).when(okta("add", "members", "[{'value':'u3','display':'carol'}]"))
                        .then("{'members':[{'value':'u1','display':'alice'},{'value':'u2','display':'bob'},{'value':'u3','display':'carol'}]}"),
                scenario("adding a member that is already there changes nothing, even with another display")
                        .given(GROUP).when(okta("add", "members", "[{'value':'u1','display':'someone else'}]"))
                        .then("{}"),
                scenario("Azure's old member removal removes only the listed members")
                        .given(GROUP).when(azure("Remove", "members", "[{'value':'u1'}]"))
                        .then("{'members':[{'value':'u2','display':'bob'}]}"),
                scenario("Azure's new / Okta's member removal by value filter")
                        .given(GROUP).when(okta("remove", "members[value eq \"u2\"]", null))
                        .then("{'members':[{'value':'u1','display':'alice'}]}"),
                scenario("member ids are caseExact: a filter in another case removes nothing")
                        .given(GROUP).when(okta("remove", "members[value eq \"U2\"]", null))
                        .then("{}"),
                scenario("removing a member that is not there is a no-op (retries are idempotent)")
                        .given(GROUP).when(azure("Remove", "members[value eq \"nobody\"]", null))
                        .then("{}"),
                scenario("remove members without value removes them all")
                        .given(GROUP).when(rfc("remove", "members", null))
                        .then("{'members':null}"),
                scenario("Okta replaces the whole member list")
                        .given(GROUP).when(okta("replace", "members", "[{'value':'u9','display':'zed'}]"))
                        .then("{'members':[{'value':'u9','display':'zed'}]}"),
                scenario("Okta's group push: rename echo + add + remove in one request")
                        .given(GROUP).when(
                                okta("replace", null, "{'id':'g1','displayName':'Admins'}"),
                                okta("add", "members", "[{'value':'u3','display':'carol'}]"),
                                okta("remove", "members[value eq \"u1\"]", null))
                        .then("{'members':[{'value':'u2','display':'bob'},{'value':'u3','display':'carol'}]}"),
                scenario("Microsoft reference tests add a member as a bare string")
                        .given(EMPTY_GROUP).when(rfc("add", "members", "'string id 1'"))
                        .then("{'members':[{'value':'string id 1'}]}"),
                scenario("unknown sub-attributes in a member (Microsoft's displayName) are dropped")
                        .given(EMPTY_GROUP).when(rfc("add", "members", "[{'displayName':'new User','value':'u4'}]"))
                        .then("{'members':[{'value':'u4'}]}"),
                scenario("an immutable sub-attribute set to its current value is fine")
                        .given(GROUP).when(rfc("replace", "members[value eq \"u1\"].display", "'alice'"))
                        .then("{}"),
                scenario("an immutable sub-attribute may be set while it has no value")
                        .given(group("{'id':'g3','displayName':'x','members':[{'value':'u1'}]}"))
                        .when(rfc("add", "members[value eq \"u1\"].display", "'alice'"))
                        .then("{'members':[{'value':'u1','display':'alice'}]}"),

                // ---- a whole Azure request
                scenario("Azure's typical user update: disable, retitle, new work phone, drop manager")
                        .given(ENTERPRISE_USER).when(
                                azure("Replace", "active", "'False'"),
                                azure("Replace", "title", "'Director'"),
                                azure("Add", "phoneNumbers[type eq \"work\"].value", "'555-0111'"),
                                azure("Remove", "$ENT:manager", null))
                        .then("""
                                {'active':false,'title':'Director','phoneNumbers':[{'type':'work','value':'555-0111'}],
                                 '$ENT':{'manager':null}}"""),

                // ---- errors: mutability
                scenario("a different id is a mutability error").given(GROUP)
                        .when(okta("replace", null, "{'id':'other','displayName':'x'}")).fails("mutability"),
                scenario("replace id by path with another value").given(USER)
                        .when(rfc("replace", "id", "'x'")).fails("mutability"),
                scenario("replace id by path with the same value is a no-op").given(USER)
                        .when(rfc("replace", "id", "'2819c223'")).then("{}"),
                scenario("write meta.created").given(USER)
                        .when(rfc("replace", "meta.created", "'2020-01-01T00:00:00Z'")).fails("mutability"),
                scenario("add groups (readOnly, computed)").given(USER)
                        .when(rfc("add", "groups", "[{'value':'g1'}]")).fails("mutability"),
                scenario("remove groups").given(USER)
                        .when(rfc("remove", "groups", null)).fails("mutability"),
                scenario("change an immutable member display").given(GROUP)
                        .when(rfc("replace", "members[value eq \"u1\"].display", "'mallory'")).fails("mutability"),
                scenario("remove an immutable member display").given(GROUP)
                        .when(rfc("remove", "members[value eq \"u1\"].display", null)).fails("mutability"),

                // ---- errors: paths
                scenario("unknown attribute in a path").given(USER)
                        .when(rfc("replace", "nickname2", "'x'")).fails("invalidPath"),
                scenario("unknown sub-attribute in a path").given(USER)
                        .when(rfc("replace", "name.middle", "'x'")).fails("invalidPath"),
                scenario("unknown plain key in a path-less value").given(USER)
                        .when(rfc("replace", null, "{'favouriteColour':'blue'}")).fails("invalidPath"),
                scenario("unknown attribute of a known extension").given(USER)
                        .when(rfc("replace", null, "{'$ENT:shoeSize':'42'}")).fails("invalidPath"),
                scenario("unknown attribute of a known extension, by path").given(USER)
                        .when(rfc("add", "$ENT:shoeSize", "'42'")).fails("invalidPath"),
                scenario("enterprise attributes do not exist on groups").given(GROUP)
                        .when(rfc("add", "$ENT:department", "'x'")).fails("invalidPath"),
                scenario("value filter on a single-valued attribute").given(USER)
                        .when(rfc("replace", "name[givenName eq \"B\"].familyName", "'x'")).fails("invalidPath"),
                scenario("value filter naming an unknown sub-attribute").given(USER)
                        .when(rfc("replace", "emails[kind eq \"work\"].value", "'x'")).fails("invalidPath"),

                // ---- errors: values
                scenario("a boolean that is neither true nor false").given(USER)
                        .when(azure("Replace", "active", "'yes'")).fails("invalidValue"),
                scenario("a number for a boolean").given(USER)
                        .when(azure("Replace", "active", "1")).fails("invalidValue"),
                scenario("primary that is not a boolean").given(USER)
                        .when(rfc("add", "emails", "{'value':'a@b.c','primary':'maybe'}")).fails("invalidValue"),
                scenario("a string where a complex attribute without 'value' is expected").given(USER)
                        .when(rfc("replace", "name", "'Babs Jensen'")).fails("invalidValue"),
                scenario("an object for a string").given(USER)
                        .when(rfc("replace", "displayName", "{'value':'x'}")).fails("invalidValue"),
                scenario("an array for a single-valued attribute").given(USER)
                        .when(rfc("replace", "title", "['a','b']")).fails("invalidValue"),
                scenario("a number for a string").given(USER)
                        .when(rfc("replace", "userName", "42")).fails("invalidValue"),
                scenario("a path-less value that is not an object").given(USER)
                        .when(rfc("replace", null, "'x'")).fails("invalidValue"),
                scenario("an extension keyed by URN whose value is not an object").given(USER)
                        .when(rfc("replace", null, "{'$ENT':'x'}")).fails("invalidValue"),
                scenario("removing a required attribute").given(USER)
                        .when(rfc("remove", "userName", null)).fails("invalidValue"),
                scenario("unassigning a required attribute with null").given(GROUP)
                        .when(okta("replace", null, "{'displayName':null}")).fails("invalidValue"),

                // ---- errors: noTarget, and atomicity
                scenario("replace of whole filtered elements with no match is noTarget").given(USER)
                        .when(rfc("replace", "emails[type eq \"home\"]", "{'value':'x@y.z'}")).fails("noTarget"),
                scenario("no match and a filter that describes no element (ne) is noTarget").given(USER)
                        .when(rfc("replace", "emails[type ne \"work\"].value", "'x@y.z'")).fails("noTarget"),
                scenario("a failing second operation leaves the resource untouched").given(USER)
                        .when(rfc("replace", "title", "'ok'"), rfc("replace", "id", "'other'")).fails("mutability"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void appliesScenario(Row row) {
        ObjectNode original = row.given().resource();
        ObjectNode untouched = original.deepCopy();
        List<PatchOperation> ops = PatchRequestParser.parse(body(row.ops()));

        if (row.scimType() != null) {
            ScimException e = assertThrows(ScimException.class,
                    () -> ENGINE.apply(original, ops, row.given().type()));
            assertEquals(row.scimType(), e.scimType(), e.detail());
            assertEquals(400, e.status());
        } else {
            ObjectNode result = ENGINE.apply(original, ops, row.given().type());
            assertEquals(row.expected(), result);
        }
        assertEquals(untouched, original, "the input document must never be modified");
    }

    @Test
    void errorsNameTheFailingOperation() {
        List<PatchOperation> ops = PatchRequestParser.parse(body(List.of(
                rfc("replace", "title", "'ok'"), rfc("replace", "active", "'maybe'"))));
        ScimException e = assertThrows(ScimException.class, () -> ENGINE.apply(USER.resource(), ops, USER.type()));
        assertTrue(e.detail().startsWith("Operation 2: "), e.detail());
    }

    @Test
    void theResultSharesNoNodeWithTheRequest() {
        ObjectNode member = (ObjectNode) json("{'value':'u7'}");
        ObjectNode result = ENGINE.apply(EMPTY_GROUP.resource(),
                List.of(new PatchOperation.Add(null, MAPPER.createObjectNode().set("members", MAPPER.createArrayNode().add(member)))),
                EMPTY_GROUP.type());
        member.put("value", "changed later");
        assertEquals(json("[{'value':'u7'}]"), result.get("members"));
    }

    // ------------------------------------------------------------------ row builders

    /** A stored resource and its resource type. */
    record Doc(ResourceSchema type, String json) {
        ObjectNode resource() {
            return (ObjectNode) PatchEngineTest.json(json);
        }
    }

    record Row(String name, Doc given, List<JsonNode> ops, String changes, boolean exactly, String scimType) {
        JsonNode expected() {
            return exactly ? json(changes) : mergePatch(given.resource(), json(changes));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class RowBuilder {
        private final String name;
        private Doc given;
        private List<JsonNode> ops;

        private RowBuilder(String name) {
            this.name = name;
        }

        RowBuilder given(Doc doc) {
            this.given = doc;
            return this;
        }

        RowBuilder when(JsonNode... operations) {
            this.ops = List.of(operations);
            return this;
        }

        /** Expected: the given resource with these changes (JSON Merge Patch). */
        Row then(String changes) {
            return new Row(name, given, ops, changes, false, null);
        }

        /** Expected: exactly this document. */
        Row thenExactly(String document) {
            return new Row(name, given, ops, document, true, null);
        }

        Row fails(String scimType) {
            return new Row(name, given, ops, null, false, scimType);
        }
    }

    static RowBuilder scenario(String name) {
        return new RowBuilder(name);
    }

    static Doc user(String json) {
        return new Doc(ScimSchemas.USER_RESOURCE, json);
    }

    static Doc group(String json) {
        return new Doc(ScimSchemas.GROUP_RESOURCE, json);
    }

    /** An operation as Azure AD writes it (capitalised op names in its old dialect). */
    static JsonNode azure(String op, String path, String valueJson) {
        return operation(op, path, valueJson);
    }

    /** An operation as Okta writes it. */
    static JsonNode okta(String op, String path, String valueJson) {
        return operation(op, path, valueJson);
    }

    /** An operation as RFC 7644 writes it. */
    static JsonNode rfc(String op, String path, String valueJson) {
        return operation(op, path, valueJson);
    }

    private static JsonNode operation(String op, String path, String valueJson) {
        ObjectNode o = MAPPER.createObjectNode().put("op", op);
        if (path != null) {
            o.put("path", expand(path));
        }
        if (valueJson != null) {
            o.set("value", json(valueJson));
        }
        return o;
    }

    static JsonNode body(List<JsonNode> ops) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("schemas").add(ScimSchemas.PATCH_OP);
        body.putArray("Operations").addAll(ops);
        return body;
    }

    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(expand(singleQuoted).replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + singleQuoted, e);
        }
    }

    private static String expand(String s) {
        return s.replace("$ENT", ScimSchemas.ENTERPRISE_USER)
                .replace("$USER", ScimSchemas.USER)
                .replace("$GROUP", ScimSchemas.GROUP);
    }

    /** RFC 7386 JSON Merge Patch: objects merge, null deletes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : MAPPER.createObjectNode();
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(patch.properties());
        for (Map.Entry<String, JsonNode> e : entries) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    @Test
    void mergePatchHelperWorks() {
        if (!mergePatch(json("{'a':{'b':1,'c':2},'d':3}"), json("{'a':{'b':null},'e':4}"))
                .equals(json("{'a':{'c':2},'d':3,'e':4}"))) {
            fail("merge patch helper is broken");
        }
    }
}
