package io.scimbridge.audit;

import io.scimbridge.scim.ResourceType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which SCIM write a request is, from its method and path alone: so that writes refused before
 * reaching an endpoint (429, unknown path) are audited too.
 *
 * @param resourceId the id in the path; null for a create
 */
record AuditedWrite(AuditOperation operation, ResourceType type, String resourceId) {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    static Optional<AuditedWrite> of(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        if (!WRITES.contains(m)) {
            return Optional.empty(); // reads, most of the IdP's requests, without looking at the path
        }
        String[] segments = Arrays.stream(path.split("/"))
                .map(s -> s.indexOf(';') >= 0 ? s.substring(0, s.indexOf(';')) : s)
                .filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        if (segments.length < 3 || segments.length > 4 || !segments[0].equalsIgnoreCase("scim")
                || !segments[1].equalsIgnoreCase("v2")) {
            return Optional.empty();
        }
        ResourceType type;
        if (segments[2].equalsIgnoreCase("Users")) {
            type = ResourceType.USER;
        } else if (segments[2].equalsIgnoreCase("Groups")) {
            type = ResourceType.GROUP;
        } else {
            return Optional.empty();
        }
        if (segments.length == 3) {
            return m.equals("POST") ? Optional.of(new AuditedWrite(AuditOperation.CREATE, type, null)) : Optional.empty();
        }
        String id = segments[3];
        return switch (m) {
            case "PUT" -> Optional.of(new AuditedWrite(AuditOperation.REPLACE, type, id));
            case "PATCH" -> Optional.of(new AuditedWrite(AuditOperation.PATCH, type, id));
            case "DELETE" -> Optional.of(new AuditedWrite(AuditOperation.DELETE, type, id));
            default -> Optional.empty(); // GET, and POST .search: reads
        };
    }
}
