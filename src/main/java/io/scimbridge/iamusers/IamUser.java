package io.scimbridge.iamusers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One IAM user of one account as the inventory read it: identity, tags, and the credentials and
 * attachments that matter for retiring it.
 *
 * @param password         whether it has a console password (a login profile)
 * @param passwordLastUsed the credential report's password_last_used, when there is one
 */
public record IamUser(String accountId, String accountName, String userName, String arn, Instant created,
                      Map<String, String> tags, boolean password, Optional<Instant> passwordLastUsed, int mfaDevices,
                      List<AccessKey> accessKeys, List<String> groups, List<String> attachedPolicies,
                      List<String> inlinePolicies) {

    public IamUser {
        tags = Map.copyOf(tags);
        accessKeys = List.copyOf(accessKeys);
        groups = List.copyOf(groups);
        attachedPolicies = List.copyOf(attachedPolicies);
        inlinePolicies = List.copyOf(inlinePolicies);
    }

    /** {@code 111122223333/alice}: how the report, plan, CLI and audit log name an IAM user. */
    public String ref() {
        return accountId + "/" + userName;
    }

    /** Someone can still sign in or sign requests as this user. */
    public boolean usable() {
        return password || accessKeys.stream().anyMatch(AccessKey::active);
    }

    public List<String> activeKeyIds() {
        return accessKeys.stream().filter(AccessKey::active).map(AccessKey::id).toList();
    }

    /** The latest use of the password or of any key, if any was ever recorded. */
    public Optional<Instant> lastUsed() {
        return Stream.concat(passwordLastUsed.stream(), accessKeys.stream().flatMap(k -> k.lastUsed().stream()))
                .max(Instant::compareTo);
    }
}
