package io.scimbridge.iamusers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stage 1 of one IAM user's retirement as the bridge recorded it.
 *
 * @param disabledKeys the access keys it made Inactive (restore makes them Active again)
 * @param hadPassword  whether it deleted a console password (not restorable: a new one must be set)
 * @param deletedAt    when stage 2 deleted the user, if it did
 */
public record Retirement(String accountId, String userName, Instant disabledAt, List<String> disabledKeys,
                         boolean hadPassword, Optional<Instant> deletedAt) {

    public Retirement {
        disabledKeys = List.copyOf(disabledKeys);
    }

    public String ref() {
        return accountId + "/" + userName;
    }
}
