package io.scimbridge.scim.filter;

import io.scimbridge.scim.ScimException;
import io.scimbridge.scim.filter.FilterTokenizer.Kind;
import io.scimbridge.scim.filter.FilterTokenizer.Token;
import io.scimbridge.scim.schema.AttributePath;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one parser of SCIM filters (RFC 7644 §3.4.2.2), PATCH paths (§3.5.2) and single attribute
 * references ({@code sortBy}, {@code attributes}). Hand-written recursive descent over
 * {@link FilterTokenizer} tokens:
 *
 * <pre>
 * filter   = or EOF
 * or       = and *("or" and)                 ; "and" binds tighter than "or"
 * and      = unary *("and" unary)
 * unary    = "not" "(" or ")" / "(" or ")" / attrExpr
 * attrExpr = attrPath "pr" / attrPath compareOp compValue / attrPath "[" or "]"
 * </pre>
 *
 * Keywords and operators are case-insensitive. The parser checks syntax only (plus the
 * type-independent rules: no {@code gt} against {@code true}, no {@code co} against {@code null});
 * whether the attributes exist and the comparison suits their type is {@link FilterValidator}'s job.
 *
 * <p>Robustness: input longer than {@link Limits#maxLength()} is refused before tokenizing, and
 * recursion only happens when entering a group ({@code (}, {@code not(}, {@code [}), which is
 * counted against {@link Limits#maxDepth()} before recursing — so hostile nesting fails fast with
 * invalidFilter and can never overflow the stack. {@code and}/{@code or} chains are parsed with a
 * loop: a chain counts as one level however long it is, and builds a left-leaning tree
 * ({@code a or b or c} is {@code Or(Or(a, b), c)}). A chain's length is what the cost of a filter
 * grows with (every clause becomes a sub-query in SQL, a step in evaluation), and 4096 characters
 * hold ~180 clauses, so clauses (attribute expressions: comparisons, {@code pr} and value filters,
 * and the clauses inside value filters) are counted against {@link Limits#maxClauses()} as they are parsed.
 *
 * <p>Error messages name the 1-based column of the offending character.
 */
public final class FilterParser {

    /** Bounds on untrusted input: characters, nesting depth, and attribute expressions (clauses). */
    public record Limits(int maxLength, int maxDepth, int maxClauses) {
        public static final Limits DEFAULT = new Limits(4096, 32, 50);

        public Limits {
            if (maxLength < 1 || maxDepth < 1 || maxClauses < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    /** ATTRNAME = ALPHA *(nameChar), plus the "$ref" sub-attribute of references. */
    private static final Pattern ATTR_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|\\$[Rr][Ee][Ff]");

    private final List<Token> tokens;
    private final Limits limits;
    private final String subject;
    private final Function<String, ScimException> exceptions;
    private int index;
    private int depth;
    private int clauses;

    private FilterParser(String input, Limits limits, String subject, Function<String, ScimException> exceptions) {
        this.limits = limits;
        this.subject = subject;
        this.exceptions = exceptions;
        if (input == null || input.isBlank()) {
            throw exceptions.apply("Invalid " + subject + ": it is empty");
        }
        if (input.length() > limits.maxLength()) {
            throw exceptions.apply("Invalid " + subject + ": longer than " + limits.maxLength() + " characters");
        }
        this.tokens = FilterTokenizer.tokenize(input, this::error);
    }

    // ---------------------------------------------------------------- public entry points

    /** Parses a filter with {@link Limits#DEFAULT}; errors are {@link ScimException#invalidFilter}. */
    public static Filter parse(String filter) {
        return parse(filter, Limits.DEFAULT);
    }

    /** Parses a filter; errors (syntax, length, depth) are {@link ScimException#invalidFilter}. */
    public static Filter parse(String filter, Limits limits) {
        FilterParser p = new FilterParser(filter, limits, "filter", ScimException::invalidFilter);
        Filter f = p.or(false);
        p.expectEnd("expected 'and', 'or' or end of filter");
        return f;
    }

    /**
     * Parses a PATCH operation's {@code path}: {@code attrPath / valuePath [subAttr]}. Every error,
     * including a malformed filter inside the brackets, is {@link ScimException#invalidPath}: the
     * client sent a malformed path (RFC 7644 §3.5.2). Whether it names anything is for the PATCH
     * engine to check against the schema.
     */
    public static PatchPath parsePath(String path) {
        FilterParser p = new FilterParser(path, Limits.DEFAULT, "path", ScimException::invalidPath);
        return p.patchPath();
    }

    /**
     * Parses one attribute reference of a query parameter ({@code sortBy}, one element of
     * {@code attributes} / {@code excludedAttributes}); surrounding whitespace is ignored.
     * Errors are {@link ScimException#invalidValue} (a bad query parameter value).
     */
    public static AttributePath parseAttributePath(String s) {
        return parseAttributePath(s, ScimException::invalidValue);
    }

    /**
     * As {@link #parseAttributePath(String)}, with the caller choosing the exception, e.g.
     * {@code ScimException::invalidPath} when the reference comes from a PATCH request.
     */
    public static AttributePath parseAttributePath(String s, Function<String, ScimException> exceptions) {
        FilterParser p = new FilterParser(s, Limits.DEFAULT, "attribute path", exceptions);
        Token t = p.peek();
        if (t.kind() != Kind.WORD) {
            throw p.error(t.position(), "expected an attribute name, found " + t.describe());
        }
        p.index++;
        AttributePath path = p.attributePath(t, false);
        p.expectEnd("expected a single attribute path");
        return path;
    }

    // ---------------------------------------------------------------- grammar

    private PatchPath patchPath() {
        Token t = peek();
        if (t.kind() != Kind.WORD) {
            throw error(t.position(), "expected an attribute name, found " + t.describe());
        }
        index++;
        AttributePath attribute = attributePath(t, false);
        if (peek().kind() != Kind.LBRACKET) {
            expectEnd("expected '[' or end of path");
            return PatchPath.of(attribute);
        }
        Filter.ValuePath vp = valuePath(attribute, t);
        String sub = null;
        Token after = peek();
        Token close = tokens.get(index - 1);
        if (after.kind() == Kind.WORD && after.text().startsWith(".")) {
            if (after.position() != close.position() + 1) {
                throw error(after.position(), "no whitespace allowed between ']' and the sub-attribute");
            }
            sub = after.text().substring(1);
            if (!ATTR_NAME.matcher(sub).matches()) {
                throw error(after.position(), "invalid sub-attribute " + after.describe());
            }
            index++;
        }
        expectEnd("expected '.subAttribute' or end of path");
        return new PatchPath(attribute, vp.inner(), sub);
    }

    private Filter or(boolean inValuePath) {
        Filter left = and(inValuePath);
        while (peek().isWord("or")) {
            index++;
            left = new Filter.Or(left, and(inValuePath));
        }
        return left;
    }

    private Filter and(boolean inValuePath) {
        Filter left = unary(inValuePath);
        while (peek().isWord("and")) {
            index++;
            left = new Filter.And(left, unary(inValuePath));
        }
        return left;
    }

    private Filter unary(boolean inValuePath) {
        Token t = peek();
        if (t.kind() == Kind.LPAREN) {
            index++;
            return group(t, inValuePath, Kind.RPAREN);
        }
        if (t.isWord("not") && peek(1).kind() == Kind.LPAREN) {
            index += 2;
            return new Filter.Not(group(t, inValuePath, Kind.RPAREN));
        }
        if (t.isWord("not")) {
            throw error(peek(1).position(), "expected '(' after 'not', found " + peek(1).describe());
        }
        if (t.kind() == Kind.WORD && (t.isWord("pr") || CompareOp.parse(t.text()) != null) && isValueToken(peek(1))) {
            throw error(t.position(), "missing attribute name before " + t.describe());
        }
        if (t.kind() == Kind.WORD && !isKeyword(t)) {
            index++;
            return attributeExpression(t, inValuePath);
        }
        throw error(t.position(), "expected an attribute name, '(' or 'not', found " + t.describe());
    }

    /** Parses the inside of a group whose opening token was consumed, guarding the depth. */
    private Filter group(Token open, boolean inValuePath, Kind closing) {
        if (++depth > limits.maxDepth()) {
            throw error(open.position(), "nested deeper than " + limits.maxDepth() + " levels");
        }
        Filter inner = or(inValuePath);
        Token close = peek();
        if (close.kind() != closing) {
            String expected = closing == Kind.RPAREN ? "')'" : "']'";
            throw error(close.position(), "expected " + expected + " or a logical operator, found " + close.describe()
                    + " (group opened at column " + (open.position() + 1) + ")");
        }
        index++;
        depth--;
        return inner;
    }

    private Filter attributeExpression(Token attrToken, boolean inValuePath) {
        if (++clauses > limits.maxClauses()) {
            throw error(attrToken.position(), "more than " + limits.maxClauses() + " clauses (attribute expressions)");
        }
        AttributePath path = attributePath(attrToken, inValuePath);
        Token t = peek();
        switch (t.kind()) {
            case LBRACKET -> {
                if (inValuePath) {
                    throw error(t.position(), "value paths cannot be nested");
                }
                return valuePath(path, attrToken);
            }
            case WORD -> {
                if (t.isWord("pr")) {
                    index++;
                    if (isValueToken(peek())) {
                        throw error(peek().position(), "'pr' takes no value, found " + peek().describe());
                    }
                    return new Filter.Present(path);
                }
                CompareOp op = CompareOp.parse(t.text());
                if (op == null) {
                    throw error(t.position(), "unknown operator " + t.describe()
                            + " (expected eq, ne, co, sw, ew, gt, ge, lt, le or pr)");
                }
                index++;
                return new Filter.Comparison(path, op, value(op, t));
            }
            case STRING, NUMBER -> throw error(t.position(), "missing operator between "
                    + attrToken.describe() + " and " + t.describe());
            default -> throw error(t.position(), "expected an operator after " + attrToken.describe()
                    + ", found " + t.describe());
        }
    }

    private Filter.ValuePath valuePath(AttributePath path, Token attrToken) {
        if (path.hasSubAttribute()) {
            throw error(attrToken.position(), "a value filter '[...]' must follow a multi-valued attribute, not the sub-attribute "
                    + attrToken.describe());
        }
        Token open = next();
        Filter inner = group(open, true, Kind.RBRACKET);
        return new Filter.ValuePath(path, inner);
    }

    private Object value(CompareOp op, Token opToken) {
        Token t = next();
        Object value = switch (t.kind()) {
            case STRING, NUMBER -> t.value();
            case WORD -> {
                if (t.isWord("true")) {
                    yield Boolean.TRUE;
                }
                if (t.isWord("false")) {
                    yield Boolean.FALSE;
                }
                if (t.isWord("null")) {
                    yield Filter.Null.INSTANCE;
                }
                throw error(t.position(), "expected a value after " + opToken.describe() + ", found " + t.describe()
                        + " (strings must be quoted)");
            }
            default -> throw error(t.position(), "expected a value (string, number, true, false or null) after "
                    + opToken.describe() + ", found " + t.describe());
        };
        boolean ordering = op == CompareOp.GT || op == CompareOp.GE || op == CompareOp.LT || op == CompareOp.LE;
        boolean substring = op == CompareOp.CO || op == CompareOp.SW || op == CompareOp.EW;
        if ((ordering || substring) && (value instanceof Boolean || value == Filter.Null.INSTANCE)) {
            throw error(opToken.position(), "operator " + opToken.describe() + " cannot be used with " + value);
        }
        return value;
    }

    // ---------------------------------------------------------------- attribute paths

    /**
     * Turns a word into an AttributePath. A URN-qualified path is split at its last ':' (the URN
     * itself contains ':' and '.', as in "...:enterprise:2.0:User"); the rest is
     * {@code attribute[.subAttribute]}. Inside a value filter, paths are relative to one element
     * and must be a bare sub-attribute name.
     */
    private AttributePath attributePath(Token t, boolean relative) {
        String text = t.text();
        int colon = text.lastIndexOf(':');
        String schema = colon < 0 ? null : text.substring(0, colon);
        String rest = text.substring(colon + 1);
        if (schema != null && !validUrn(schema)) {
            throw error(t.position(), "invalid schema URN in " + t.describe());
        }
        int dot = rest.indexOf('.');
        String attribute = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        if (!ATTR_NAME.matcher(attribute).matches()) {
            throw error(t.position(), "invalid attribute name in " + t.describe());
        }
        if (sub != null && !ATTR_NAME.matcher(sub).matches()) {
            throw error(t.position(), "invalid sub-attribute name in " + t.describe());
        }
        if (relative && (schema != null || sub != null)) {
            throw error(t.position(), "inside '[...]' only sub-attribute names are allowed, found " + t.describe());
        }
        return new AttributePath(schema, attribute, sub);
    }

    /** Schema URIs are URNs ("urn:" NID ":" ...) with no empty segment; this also stops "name.x:y". */
    private static boolean validUrn(String schema) {
        if (!schema.regionMatches(true, 0, "urn:", 0, 4) || schema.endsWith(":") || schema.contains("::")) {
            return false;
        }
        return schema.length() > 4;
    }

    // ---------------------------------------------------------------- token helpers

    private static boolean isKeyword(Token t) {
        return t.isWord("and") || t.isWord("or") || t.isWord("not");
    }

    private static boolean isValueToken(Token t) {
        return t.kind() == Kind.STRING || t.kind() == Kind.NUMBER
                || t.isWord("true") || t.isWord("false") || t.isWord("null");
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) {
            index++;
        }
        return t;
    }

    private void expectEnd(String expectation) {
        Token t = peek();
        if (t.kind() != Kind.EOF) {
            throw error(t.position(), expectation + ", found " + t.describe());
        }
    }

    private ScimException error(int position, String message) {
        return exceptions.apply("Invalid " + subject + " at column " + (position + 1) + ": " + message);
    }
}
