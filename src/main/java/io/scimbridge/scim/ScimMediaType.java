package io.scimbridge.scim;

public final class ScimMediaType {
    public static final String SCIM_JSON = "application/scim+json";
    public static final String SCIM_JSON_UTF8 = "application/scim+json; charset=utf-8";

    private ScimMediaType() {}
}
