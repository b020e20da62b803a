package io.scimbridge.scim.schema;

import static io.scimbridge.scim.schema.AttributeType.BOOLEAN;
import static io.scimbridge.scim.schema.AttributeType.COMPLEX;
import static io.scimbridge.scim.schema.AttributeType.DATE_TIME;
import static io.scimbridge.scim.schema.AttributeType.REFERENCE;
import static io.scimbridge.scim.schema.AttributeType.STRING;

import java.util.List;

/**
 * The schemas this server implements (RFC 7643 §4 and §8.7), as data. /Schemas renders them,
 * the filter parser and PATCH engine read attribute metadata (caseExact, mutability, ...) from
 * them, and the store decides what to index from them: one source of truth.
 */
public final class ScimSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private ScimSchemas() {}

    private static AttributeDef.Builder str(String name) { return AttributeDef.builder(name, STRING); }

    private static AttributeDef.Builder bool(String name) { return AttributeDef.builder(name, BOOLEAN); }

    private static AttributeDef.Builder complex(String name) { return AttributeDef.builder(name, COMPLEX); }

    /** The common attributes of every resource (RFC 7643 §3.1). */
    static final AttributeDef ID = str("id").caseExact().readOnly().returned(Returned.ALWAYS)
            .uniqueness(Uniqueness.SERVER).description("Unique identifier assigned by the bridge.").build();
    static final AttributeDef EXTERNAL_ID = str("externalId").caseExact()
            .description("Identifier of the resource in the provisioning client.").build();
    static final AttributeDef META = complex("meta").readOnly().description("Resource metadata.").subAttributes(
            str("resourceType").caseExact().readOnly().build(),
            AttributeDef.builder("created", DATE_TIME).readOnly().build(),
            AttributeDef.builder("lastModified", DATE_TIME).readOnly().build(),
            AttributeDef.builder("location", REFERENCE).caseExact().readOnly().referenceTypes("uri").build(),
            str("version").caseExact().readOnly().build()).build();

    private static AttributeDef multiValuedComplex(String name, String description, AttributeDef value,
                                                   String... types) {
        return complex(name).multiValued().description(description).subAttributes(
                value,
                str("display").description("A human-readable name, primarily used for display purposes.").build(),
                str("type").canonicalValues(types).build(),
                bool("primary").build()).build();
    }

    public static final Schema USER_SCHEMA = new Schema(USER, "User", "User Account", List.of(
            str("userName").required().uniqueness(Uniqueness.SERVER)
                    .description("Unique identifier for the User, used to sign in; unique in any letter case.").build(),
            complex("name").description("The components of the user's real name.").subAttributes(
                    str("formatted").build(), str("familyName").build(), str("givenName").build(),
                    str("middleName").build(), str("honorificPrefix").build(), str("honorificSuffix").build()).build(),
            str("displayName").build(),
            str("nickName").build(),
            AttributeDef.builder("profileUrl", REFERENCE).referenceTypes("external").build(),
            str("title").build(),
            str("userType").build(),
            str("preferredLanguage").build(),
            str("locale").build(),
            str("timezone").build(),
            bool("active").build(),
            str("password").mutability(Mutability.WRITE_ONLY).returned(Returned.NEVER)
                    .description("Write-only: accepted and dropped, never stored or returned (Identity Center takes no passwords).").build(),
            multiValuedComplex("emails", "Email addresses for the user.", str("value").build(), "work", "home", "other"),
            multiValuedComplex("phoneNumbers", "Phone numbers for the user.", str("value").build(),
                    "work", "home", "mobile", "fax", "pager", "other"),
            multiValuedComplex("ims", "Instant messaging addresses.", str("value").build(),
                    "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
            multiValuedComplex("photos", "URLs of photos of the user.",
                    AttributeDef.builder("value", REFERENCE).referenceTypes("external").build(), "photo", "thumbnail"),
            complex("addresses").multiValued().description("Physical mailing addresses.").subAttributes(
                    str("formatted").build(), str("streetAddress").build(), str("locality").build(),
                    str("region").build(), str("postalCode").build(), str("country").build(),
                    str("type").canonicalValues("work", "home", "other").build(), bool("primary").build()).build(),
            complex("groups").multiValued().readOnly().description("Groups the user belongs to, computed.").subAttributes(
                    str("value").readOnly().build(),
                    AttributeDef.builder("$ref", REFERENCE).readOnly().referenceTypes("User", "Group").build(),
                    str("display").readOnly().build(),
                    str("type").readOnly().canonicalValues("direct", "indirect").build()).build(),
            multiValuedComplex("entitlements", "Entitlements of the user.", str("value").build()),
            multiValuedComplex("roles", "Roles of the user.", str("value").build()),
            complex("x509Certificates").multiValued().description("X.509 certificates.").subAttributes(
                    AttributeDef.builder("value", AttributeType.BINARY).build(),
                    str("display").build(), str("type").build(), bool("primary").build()).build()));

    public static final Schema ENTERPRISE_USER_SCHEMA = new Schema(ENTERPRISE_USER, "EnterpriseUser",
            "Enterprise User", List.of(
            str("employeeNumber").build(),
            str("costCenter").build(),
            str("organization").build(),
            str("division").build(),
            str("department").build(),
            complex("manager").description("The user's manager.").subAttributes(
                    str("value").caseExact().description("The id of the manager's User resource.").build(),
                    AttributeDef.builder("$ref", REFERENCE).referenceTypes("User").build(),
                    str("displayName").readOnly().build()).build()));

    public static final Schema GROUP_SCHEMA = new Schema(GROUP, "Group", "Group", List.of(
            str("displayName").required().uniqueness(Uniqueness.SERVER)
                    .description("Human-readable name for the Group; unique in any letter case.").build(),
            complex("members").multiValued().description("Members of the group (users only).").subAttributes(
                    str("value").caseExact().immutable().build(),
                    AttributeDef.builder("$ref", REFERENCE).immutable().referenceTypes("User", "Group").build(),
                    str("display").immutable().build(),
                    str("type").immutable().canonicalValues("User", "Group").build()).build()));

    public static final ResourceSchema USER_RESOURCE = new ResourceSchema("User", "/Users", USER_SCHEMA,
            List.of(ENTERPRISE_USER_SCHEMA));

    public static final ResourceSchema GROUP_RESOURCE = new ResourceSchema("Group", "/Groups", GROUP_SCHEMA,
            List.of());

    public static List<Schema> all() {
        return List.of(USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA);
    }
}
