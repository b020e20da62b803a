package io.scimbridge.testing.idp;

/**
 * The schema URNs as the IdPs write them. Spelled out here rather than taken from the product's
 * constants so that a typo in the product cannot make a test agree with it.
 */
public final class ScimUrns {

    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    /** The extra group schema Azure AD lists on every group it creates. */
    public static final String ADSCIM_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimUrns() {}
}
