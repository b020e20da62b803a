package io.scimbridge.scim.filter;

import io.scimbridge.scim.schema.AttributePath;

/**
 * RFC 7644 §3.4.2.2 filter AST: a closed set of immutable nodes. Consumers switch over it
 * exhaustively (in-memory evaluation, SQL translation, rules matching).
 */
public sealed interface Filter {

    /**
     * {@code attrPath op compValue}: eq ne co sw ew gt ge lt le. {@code value} is one of
     * {@link String}, {@link Boolean}, {@link Long} (integral JSON numbers that fit),
     * {@link java.math.BigDecimal} (every other number) or {@link Null#INSTANCE} for the JSON
     * literal {@code null} — never a Java {@code null}, so "no value" cannot be confused with
     * "compared to null".
     */
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

    /** The JSON literal {@code null} as a comparison value ({@code title eq null}). */
    enum Null {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }

    static Filter eq(String attribute, Object value) {
        return new Comparison(AttributePath.of(attribute), CompareOp.EQ, value);
    }
}
