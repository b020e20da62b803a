package io.scimbridge.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.scimbridge.scim.schema.ScimSchemas;
import java.util.List;

/** RFC 7644 §3.12 error response body. {@code status} is a string, as the RFC's examples show. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScimErrorBody(List<String> schemas, String status, String scimType, String detail) {

    public static ScimErrorBody of(ScimException e) {
        return new ScimErrorBody(List.of(ScimSchemas.ERROR), Integer.toString(e.status()), e.scimType(), e.detail());
    }
}
