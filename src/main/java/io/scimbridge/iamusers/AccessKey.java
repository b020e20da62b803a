package io.scimbridge.iamusers;

import java.time.Instant;
import java.util.Optional;

/** One access key of an IAM user, live status from ListAccessKeys, last use from the credential report. */
public record AccessKey(String id, boolean active, Instant created, Optional<Instant> lastUsed) {
}
