package io.scimbridge.scim.filter;

import io.scimbridge.scim.schema.AttributePath;

/**
 * RFC 7644 §3.4.2.2 filter AST: a closed set of immutable nodes. Consumers switch over it
 * exhaustively (in-memory evaluation, SQL translation, rules matching).
 */
public sealed interface Filter {

    /** {@code attrPath op compValue}: eq ne co sw ew gt ge lt le. */
    record Comparison(AttributePath path, CompareOp op, Object value) implements Filter {}

    /** {@code attrPath pr}. */
    record Present(AttributePath path) implements Filter {}

    record And(Filter left, Filter right) implements Filter {}

    record Or(Filter left, Filter right) implements Filter {}

    record Not(Filter inner) implements Filter {}

    /**
     * {@code attrPath[valFilter]}: {@code inner}'s paths are relative to one element of the
     * multi-valued complex attribute {@code path} (their {@code attribute} is the sub-attribute
     * name, e.g. {@code type} in {@code emails[type eq "work"]}).
     */
    record ValuePath(AttributePath path, Filter inner) implements Filter {}

    static Filter eq(String attribute, Object value) {
        return new Comparison(AttributePath.of(attribute), CompareOp.EQ, value);
    }
}
