package io.scimbridge.scim.schema;

public enum Uniqueness {
    NONE("none"), SERVER("server"), GLOBAL("global");

    private final String wireName;

    Uniqueness(String wireName) { this.wireName = wireName; }

    public String wireName() { return wireName; }
}
