package io.scimbridge.scim.filter;

import java.util.Locale;

/** Comparison operators of RFC 7644 §3.4.2.2 ({@code pr} is a node of its own). */
public enum CompareOp {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a case-insensitive operator token, or returns null when it is not one. */
    public static CompareOp parse(String token) {
        for (CompareOp op : values()) {
            if (op.name().equalsIgnoreCase(token)) {
                return op;
            }
        }
        return null;
    }
}
