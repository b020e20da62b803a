package io.scimbridge.identitycenter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimbridge.resource.SourceStateGuard;
import io.scimbridge.scim.ResourceType;
import io.scimbridge.scim.ScimException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/**
 * Values Identity Center would refuse, refused at the bridge when the IdP sends them, with the
 * reason: the IdP shows the error on that user instead of the bridge failing later, silently.
 */
@ApplicationScoped
public class IdentityCenterLimits implements SourceStateGuard {

    static final int MAX_USER_NAME = 128;
    static final Set<String> RESERVED_USER_NAMES = Set.of("administrator", "awsadministrators");
    static final String FORBIDDEN_CHARACTERS = "<>;:%";

    @Override
    public void check(ResourceType type, ObjectNode document) {
        if (type != ResourceType.USER) {
            return;
        }
        String userName = document.path("userName").asText();
        if (userName.length() > MAX_USER_NAME) {
            throw ScimException.invalidValue("userName is longer than " + MAX_USER_NAME
                    + " characters, which IAM Identity Center refuses");
        }
        if (RESERVED_USER_NAMES.contains(userName.toLowerCase(Locale.ROOT))) {
            throw ScimException.invalidValue("userName '" + userName + "' is reserved in IAM Identity Center");
        }
        for (char c : FORBIDDEN_CHARACTERS.toCharArray()) {
            if (userName.indexOf(c) >= 0) {
                throw ScimException.invalidValue("userName contains '" + c
                        + "', which IAM Identity Center refuses (< > ; : % are not allowed)");
            }
        }
    }
}
