package io.scimbridge.scim;

/**
 * The one exception of the SCIM protocol layer: an HTTP status, an optional RFC 7644 §3.12
 * {@code scimType} and a detail safe to show to the caller. Factories are named after the
 * scimType so call sites read like the RFC's table.
 */
public final class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() { return status; }

    /** May be null: not every error has a scimType (404, 401, 412, 500...). */
    public String scimType() { return scimType; }

    public String detail() { return getMessage(); }

    public static ScimException invalidFilter(String detail) { return new ScimException(400, "invalidFilter", detail); }
    public static ScimException tooMany(String detail) { return new ScimException(400, "tooMany", detail); }
    public static ScimException uniqueness(String detail) { return new ScimException(409, "uniqueness", detail); }
    public static ScimException mutability(String detail) { return new ScimException(400, "mutability", detail); }
    public static ScimException invalidSyntax(String detail) { return new ScimException(400, "invalidSyntax", detail); }
    public static ScimException invalidPath(String detail) { return new ScimException(400, "invalidPath", detail); }
    public static ScimException noTarget(String detail) { return new ScimException(400, "noTarget", detail); }
    public static ScimException invalidValue(String detail) { return new ScimException(400, "invalidValue", detail); }
    public static ScimException invalidVers(String detail) { return new ScimException(400, "invalidVers", detail); }
    public static ScimException sensitive(String detail) { return new ScimException(403, "sensitive", detail); }

    public static ScimException notFound(String detail) { return new ScimException(404, null, detail); }
    public static ScimException unauthorized(String detail) { return new ScimException(401, null, detail); }
    public static ScimException forbidden(String detail) { return new ScimException(403, null, detail); }
    public static ScimException preconditionFailed(String detail) { return new ScimException(412, null, detail); }
    public static ScimException payloadTooLarge(String detail) { return new ScimException(413, null, detail); }
    public static ScimException notImplemented(String detail) { return new ScimException(501, null, detail); }
    public static ScimException unavailable(String detail) { return new ScimException(503, null, detail); }
}
