package io.scimbridge.scim;

import io.scimbridge.scim.schema.ResourceSchema;
import io.scimbridge.scim.schema.ScimSchemas;

/** The two kinds of resource the bridge stores, with the schema and the attribute that names each. */
public enum ResourceType {
    USER("User", ScimSchemas.USER_RESOURCE, "userName"),
    GROUP("Group", ScimSchemas.GROUP_RESOURCE, "displayName");

    private final String wireName;
    private final ResourceSchema schema;
    private final String nameAttribute;

    ResourceType(String wireName, ResourceSchema schema, String nameAttribute) {
        this.wireName = wireName;
        this.schema = schema;
        this.nameAttribute = nameAttribute;
    }

    /** "User" or "Group": the meta.resourceType value and the stored discriminator. */
    public String wireName() { return wireName; }

    public ResourceSchema schema() { return schema; }

    /** The unique, case-insensitive naming attribute: userName or displayName. */
    public String nameAttribute() { return nameAttribute; }

    public static ResourceType fromWireName(String name) {
        return name.equals(USER.wireName) ? USER : GROUP;
    }
}
